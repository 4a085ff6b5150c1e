// Subscriber tags: what a tag may be, and adding and removing them (POST/DELETE /api/admin/subscribers/:id/tags).
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";

/** Tags are topics or segments ("events", "research-news"), never health details (safety rule 15). */
export const TAG = /^[a-z0-9][a-z0-9:_-]{0,39}$/;
const TAG_MESSAGE = "Tags: up to 40 lower-case letters, digits, dashes, underscores or colons.";

export const tagSchema = z.string({ error: "A tag must be text." }).trim().regex(TAG, TAG_MESSAGE);

/**
 * Adds tags (set semantics) in one statement, so two concurrent edits cannot lose each other's tags. Returns the
 * tags now stored, or undefined when there is no such subscriber.
 */
export async function addTags(deps: Pick<AppDeps, "db" | "now">, id: string, tags: string[]) {
  const incoming = JSON.stringify([...new Set(tags)]);
  const [row] = await deps.db
    .update(subscribers)
    .set({
      tags: sql`(select json_group_array(value) from (select value from json_each(${subscribers.tags}) union select value from json_each(${incoming}) order by value))`,
      updatedAt: deps.now(),
    })
    .where(eq(subscribers.id, id))
    .returning({ tags: subscribers.tags });
  return row?.tags;
}

export async function removeTag(deps: Pick<AppDeps, "db" | "now">, id: string, tag: string) {
  const [row] = await deps.db
    .update(subscribers)
    .set({
      tags: sql`(select json_group_array(value) from json_each(${subscribers.tags}) where value <> ${tag})`,
      updatedAt: deps.now(),
    })
    .where(eq(subscribers.id, id))
    .returning({ tags: subscribers.tags });
  return row?.tags;
}

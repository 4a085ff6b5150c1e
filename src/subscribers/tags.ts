// Subscriber tags: what a tag may be, and adding and removing them (POST/DELETE /api/admin/subscribers/:id/tags).
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";

/** Tags are topics or segments ("events", "research-news"), never health details (safety rule 15). */
export const TAG = /^[a-z0-9][a-z0-9:_-]{0,39}$/;
const TAG_MESSAGE = "Tags: up to 40 lower-case letters, digits, dashes, underscores or colons.";

export const tagSchema = z.string({ error: "A tag must be text." }).trim().regex(TAG, TAG_MESSAGE);

type TagsResult = Result<{ tags: string[] }, Failure<"not_found">>;

const noSuchSubscriber = () => fail("not_found", "No subscriber with this id.");

/**
 * Adds tags (set semantics) in one statement, so two concurrent edits cannot lose each other's tags. Answers the
 * tags now stored.
 */
export async function addTags(
  deps: Pick<AppDeps, "db" | "now">,
  id: string,
  tags: string[],
): Promise<TagsResult> {
  const incoming = JSON.stringify([...new Set(tags)]);
  const [row] = await deps.db
    .update(subscribers)
    .set({
      tags: sql`(select json_group_array(value) from (select value from json_each(${subscribers.tags}) union select value from json_each(${incoming}) order by value))`,
      updatedAt: deps.now(),
    })
    .where(eq(subscribers.id, id))
    .returning({ tags: subscribers.tags });
  return row ? { ok: true, tags: row.tags } : noSuchSubscriber();
}

export async function removeTag(
  deps: Pick<AppDeps, "db" | "now">,
  id: string,
  tag: string,
): Promise<TagsResult> {
  const [row] = await deps.db
    .update(subscribers)
    .set({
      tags: sql`(select json_group_array(value) from json_each(${subscribers.tags}) where value <> ${tag})`,
      updatedAt: deps.now(),
    })
    .where(eq(subscribers.id, id))
    .returning({ tags: subscribers.tags });
  return row ? { ok: true, tags: row.tags } : noSuchSubscriber();
}

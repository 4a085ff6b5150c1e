// A reader's topics (templates/topics.yaml). Only choices the reader made are stored, one subscriber_topics row
// per topic they changed; every other topic follows its default. Why a table rather than a JSON column: the
// campaign audience asks "is this person in topic X" for each row of a keyset page, and a primary-key lookup
// answers that as cheaply as the suppression check beside it; a change is an upsert of one row, so two
// changes at once cannot overwrite each other's topics; and erasure removes the rows by cascade.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Topic, Topics } from "../content/index.ts";
import type { Db } from "../db/client.ts";
import { atomic } from "../db/client.ts";
import { consents, subscribers, subscriberTopics } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import type { RequestContext } from "./confirm.ts";
import { consentRecord } from "./consent.ts";

/** Topic id → on or off, for every topic in templates/topics.yaml (defaults filled in). */
export type TopicChoices = Record<string, boolean>;

/** Each reader's choices for a list of subscribers (one query), defaults filled in. */
export async function topicChoicesFor(
  db: Db,
  topics: Pick<Topics, "list">,
  subscriberIds: readonly string[],
): Promise<Map<string, TopicChoices>> {
  const rows =
    subscriberIds.length === 0
      ? []
      : await db
          .select()
          .from(subscriberTopics)
          .where(inArray(subscriberTopics.subscriberId, [...subscriberIds]));
  const out = new Map<string, TopicChoices>();
  for (const id of subscriberIds) {
    out.set(id, Object.fromEntries(topics.list.map((t) => [t.id, t.default])));
  }
  for (const row of rows) {
    const choices = out.get(row.subscriberId);
    // A row for a topic since removed from topics.yaml is kept (it is a record) but no longer shown.
    if (choices && row.topicId in choices) choices[row.topicId] = row.subscribed;
  }
  return out;
}

export async function topicChoices(db: Db, topics: Pick<Topics, "list">, subscriberId: string) {
  return (await topicChoicesFor(db, topics, [subscriberId])).get(subscriberId) as TopicChoices;
}

/** The ids of the topics a reader is in. */
export function topicsOn(choices: TopicChoices): string[] {
  return Object.entries(choices)
    .filter(([, on]) => on)
    .map(([id]) => id);
}

/**
 * SQL: the subscriber row is in this topic. A default-on topic holds everyone who did not turn it off, a
 * default-off topic only those who turned it on.
 */
export function inTopicCondition(topic: Pick<Topic, "id" | "default">): SQL {
  const row = sql`select 1 from ${subscriberTopics} where ${subscriberTopics.subscriberId} = ${subscribers.id} and ${subscriberTopics.topicId} = ${topic.id}`;
  return topic.default
    ? sql`not exists (${row} and ${subscriberTopics.subscribed} = 0)`
    : sql`exists (${row} and ${subscriberTopics.subscribed} = 1)`;
}

/** SQL: the subscriber row is in at least one of these topics (all known to `topics`). */
export function inAnyTopicCondition(topics: Pick<Topics, "list">, ids: readonly string[]): SQL {
  const wanted = topics.list.filter((t) => ids.includes(t.id));
  if (wanted.length === 0) return sql`0`;
  return sql`(${sql.join(
    wanted.map((t) => inTopicCondition(t)),
    sql` or `,
  )})`;
}

export type TopicChange = { topicId: string; subscribed: boolean };

/**
 * Sets the reader's topics to exactly `wantedOn` (ids of the topics they want; unknown ids must be refused by the
 * caller). Only the topics that change are written: each as an upserted subscriber_topics row plus a consents
 * row ("topic-given" or "topic-withdrawn", the topics.yaml version as the wording), all in one atomic batch.
 */
export async function setTopics(
  deps: Pick<AppDeps, "db" | "now" | "content">,
  subscriberId: string,
  wantedOn: readonly string[],
  ctx: RequestContext & { form: string; page?: string | null },
): Promise<TopicChange[]> {
  const { topics } = deps.content;
  const current = await topicChoices(deps.db, topics, subscriberId);
  const changes: TopicChange[] = topics.list
    .map((t) => ({ topicId: t.id, subscribed: wantedOn.includes(t.id) }))
    .filter((c) => current[c.topicId] !== c.subscribed);
  if (changes.length === 0) return [];
  const now = deps.now();
  await atomic(deps.db, [
    ...changes.map((c) =>
      deps.db
        .insert(subscriberTopics)
        .values({ subscriberId, topicId: c.topicId, subscribed: c.subscribed, updatedAt: now })
        .onConflictDoUpdate({
          target: [subscriberTopics.subscriberId, subscriberTopics.topicId],
          set: { subscribed: c.subscribed, updatedAt: now },
        }),
    ),
    ...changes.map((c) =>
      deps.db.insert(consents).values(
        consentRecord({
          subscriberId,
          action: c.subscribed ? "topic-given" : "topic-withdrawn",
          topicId: c.topicId,
          at: now,
          form: ctx.form,
          page: ctx.page ?? null,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          wordingVersion: topics.version,
        }),
      ),
    ),
    deps.db.update(subscribers).set({ updatedAt: now }).where(eq(subscribers.id, subscriberId)),
  ]);
  return changes;
}

/** Whether one reader is in one topic now (the drip asks this about the series before every lesson). */
export async function isInTopic(db: Db, topic: Pick<Topic, "id" | "default">, subscriberId: string) {
  const [row] = await db
    .select({ subscribed: subscriberTopics.subscribed })
    .from(subscriberTopics)
    .where(and(eq(subscriberTopics.subscriberId, subscriberId), eq(subscriberTopics.topicId, topic.id)))
    .limit(1);
  return row ? row.subscribed : topic.default;
}

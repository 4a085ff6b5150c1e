// The subscriber list behind GET /api/admin/subscribers: segment filters and keyset paging in id order.
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { SUBSCRIBER_STATUSES, subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { hashEmail } from "../lib/email-address.ts";
import { COUNTRY, LOCALE } from "./input.ts";
import { segmentConditions } from "./segment.ts";
import type { Subscriber } from "./store.ts";
import { tagSchema } from "./tags.ts";
import { topicChoicesFor, topicsOn } from "./topics.ts";

export const listQuerySchema = z.object({
  status: z
    .enum(SUBSCRIBER_STATUSES, { error: `status is one of ${SUBSCRIBER_STATUSES.join(", ")}` })
    .optional(),
  tag: tagSchema.optional(),
  locale: z.string().trim().regex(LOCALE, 'Use a language tag like "en" or "en-GB".').optional(),
  country: z.string().trim().regex(COUNTRY, 'Use a two-letter country code like "US".').optional(),
  /** Exact address (looked up by hash, so case in the domain does not matter). */
  email: z.string().trim().pipe(z.email("Enter a valid email address.")).optional(),
  /** The nextCursor of the previous page. */
  after: z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/, "Use the nextCursor of the previous page.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.output<typeof listQuerySchema>;

/** The list's filters as SQL conditions; also counted by the console's search (search.ts). */
export async function filterConditions(query: Omit<ListQuery, "limit" | "after">): Promise<SQL[]> {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(subscribers.status, query.status));
  conditions.push(
    ...segmentConditions({
      ...(query.tag ? { tags: [query.tag] } : {}),
      ...(query.locale ? { locales: [query.locale] } : {}),
      ...(query.country ? { countries: [query.country] } : {}),
    }),
  );
  if (query.email) conditions.push(eq(subscribers.emailHash, await hashEmail(query.email)));
  return conditions;
}

/** One subscriber as the admin API and CSV export show them; `topics` are the ids they are in now. */
export function subscriberView(s: Subscriber, topics: string[], now: Date) {
  const paused = s.pausedUntil !== null && s.pausedUntil.getTime() > now.getTime();
  return {
    id: s.id,
    email: s.email,
    firstName: s.firstName,
    status: s.status,
    locale: s.locale,
    country: s.country,
    /** As given by the person's browser or the API; null means their country's or the brand's zone applies. */
    timeZone: s.timeZone,
    tags: s.tags,
    topics,
    /** The end of a break still running, else null. */
    pausedUntil: paused ? (s.pausedUntil?.toISOString() ?? null) : null,
    welcomeBackNote: paused && s.pauseWelcomeBack,
    source: s.source,
    createdAt: s.createdAt.toISOString(),
    confirmedAt: s.confirmedAt?.toISOString() ?? null,
    unsubscribedAt: s.unsubscribedAt?.toISOString() ?? null,
  };
}

/** One page in id order after `after`, with the cursor for the next page (null at the end). */
export async function listSubscribers(deps: Pick<AppDeps, "db" | "content" | "now">, query: ListQuery) {
  const conditions = await filterConditions(query);
  if (query.after) conditions.push(gt(subscribers.id, query.after));
  const rows = await deps.db
    .select()
    .from(subscribers)
    .where(and(...conditions))
    .orderBy(asc(subscribers.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const choices = await topicChoicesFor(
    deps.db,
    deps.content.topics,
    page.map((s) => s.id),
  );
  const now = deps.now();
  return {
    subscribers: page.map((s) => subscriberView(s, topicsOn(choices.get(s.id) ?? {}), now)),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

// Subscriber search for the console: the list's filters (status, tag, locale, country) with keyset paging and the
// number of people the filters match, and finding one person by address. An address is only ever matched exactly,
// through its hash (the same index signup uses), never with LIKE: a partial-address search would let anyone with
// the console enumerate the list by domain, and the address must not end up in a URL or a log line.
import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { hashEmail } from "../lib/email-address.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { emailField } from "./input.ts";
import { filterConditions, listQuerySchema, listSubscribers } from "./list.ts";

/** A browser form sends every field, unset ones as "": those mean "no filter". */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const SEARCH_PAGE_SIZE = 50;

export const searchQuerySchema = z.object({
  status: z.preprocess(blank, listQuerySchema.shape.status),
  tag: z.preprocess(blank, listQuerySchema.shape.tag),
  locale: z.preprocess(blank, listQuerySchema.shape.locale),
  country: z.preprocess(blank, listQuerySchema.shape.country),
  after: z.preprocess(blank, listQuerySchema.shape.after),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const findByEmailSchema = z.object({
  email: emailField({
    required: "Enter the person's email address.",
    tooLong: "That is longer than an email address can be.",
    localTooLong: "That has more than 64 characters before the @.",
    invalid: "Enter a whole email address, like name@example.com (search matches exact addresses only).",
  }),
});

/** One page of people matching the filters, in id order, with how many match in all. */
export async function searchSubscribers(deps: Pick<AppDeps, "db" | "content" | "now">, query: SearchQuery) {
  const filters = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.locale ? { locale: query.locale } : {}),
    ...(query.country ? { country: query.country } : {}),
  };
  const [page, [total]] = await Promise.all([
    listSubscribers(deps, {
      ...filters,
      limit: SEARCH_PAGE_SIZE,
      ...(query.after ? { after: query.after } : {}),
    }),
    deps.db
      .select({ n: count() })
      .from(subscribers)
      .where(and(...(await filterConditions(filters)))),
  ]);
  return { ...page, total: total?.n ?? 0 };
}

/** The id of the subscriber with exactly this address (case in the domain, and in the whole address, ignored). */
export async function findSubscriberIdByEmail(
  deps: Pick<AppDeps, "db">,
  email: string,
): Promise<Result<{ id: string }, Failure<"not_found">>> {
  const [row] = await deps.db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(eq(subscribers.emailHash, await hashEmail(email)))
    .limit(1);
  return row ? { ok: true, id: row.id } : fail("not_found", "Nobody on the list has that exact address.");
}

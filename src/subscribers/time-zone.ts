// Which time zone a subscriber's "humane hours" are counted in: the zone their browser or the API gave, else a
// default for their country, else the brand's (BRAND_TIME_ZONE). Only the first is stored; the other two are
// worked out when needed, so changing a country or the brand setting later takes effect at once.
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { COUNTRY_TIME_ZONES, ZONE_KEY_SQL } from "../db/schema.ts";
import { canonicalTimeZone, MAX_TIME_ZONE_LENGTH } from "../lib/time-zone.ts";

export { COUNTRY_TIME_ZONES } from "../db/schema.ts";

export type TimeZoneSource = "subscriber" | "country" | "brand";

export function effectiveTimeZone(
  subscriber: { timeZone: string | null; country: string | null },
  brandTimeZone: string,
): { timeZone: string; source: TimeZoneSource } {
  if (subscriber.timeZone) return { timeZone: subscriber.timeZone, source: "subscriber" };
  const byCountry = COUNTRY_TIME_ZONES[(subscriber.country ?? "").toUpperCase()];
  if (byCountry) return { timeZone: byCountry, source: "country" };
  return { timeZone: brandTimeZone, source: "brand" };
}

/** The same rule as effectiveTimeZone, as an SQL expression over the subscribers row. */
export function effectiveTimeZoneSql(brandTimeZone: string): SQL<string> {
  return sql<string>`coalesce(${sql.raw(ZONE_KEY_SQL)}, ${brandTimeZone})`;
}

/**
 * The key local-time campaigns group and read people by: ZONE_KEY_SQL, indexed (the subscriber's zone, else
 * their country's), with "" for everyone else, who follow BRAND_TIME_ZONE.
 */
export const BRAND_ZONE_KEY = "";

/** People whose zone key is `key`: an index range on subscribers_status_zone_id. */
export function inZoneKey(key: string): SQL {
  return key === BRAND_ZONE_KEY
    ? sql`${sql.raw(ZONE_KEY_SQL)} is null`
    : sql`${sql.raw(ZONE_KEY_SQL)} = ${key}`;
}

export const TIME_ZONE_MESSAGE = 'Use an IANA time zone name, like "Europe/London" or "America/Chicago".';

/** The optional timeZone field of the JSON API, the webhook and the admin API; stored in canonical spelling. */
export const timeZoneField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string({ error: "Time zone must be text." })
    .max(MAX_TIME_ZONE_LENGTH, TIME_ZONE_MESSAGE)
    .transform((v, ctx) => {
      const zone = canonicalTimeZone(v);
      if (zone) return zone;
      ctx.addIssue({ code: "custom", message: TIME_ZONE_MESSAGE });
      return z.NEVER;
    })
    .optional(),
);

/**
 * The hosted and embedded forms fill timeZone from the browser by script. A value the server does not know (an
 * old browser, a hand-edited field) is not something the visitor can fix, so the form drops it and the country
 * or brand default applies; the JSON API and the webhook answer 422 instead, since a program sent it.
 */
export function dropUnknownTimeZone(body: Record<string, unknown>): Record<string, unknown> {
  const value = body.timeZone;
  if (value === undefined || (typeof value === "string" && canonicalTimeZone(value))) return body;
  const { timeZone: _dropped, ...rest } = body;
  return rest;
}

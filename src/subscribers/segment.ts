// Segment filters as SQL conditions on subscribers: shared by the admin list and a campaign's audience.
import { type SQL, sql } from "drizzle-orm";
import type { CampaignAudience } from "../db/schema.ts";
import { subscribers } from "../db/schema.ts";

/** Segment filters: tags match any of the listed tags; locales match a tag or its regional forms ("en" ~ "en-GB"). */
export function segmentConditions(audience: CampaignAudience): SQL[] {
  const conditions: SQL[] = [];
  const tags = audience.tags ?? [];
  if (tags.length > 0) {
    const list = sql.join(
      tags.map((t) => sql`${t}`),
      sql`, `,
    );
    conditions.push(
      sql`exists (select 1 from json_each(${subscribers.tags}) as t where t.value in (${list}))`,
    );
  }
  const locales = (audience.locales ?? []).map((l) => l.toLowerCase());
  if (locales.length > 0) {
    const anyLocale = sql.join(
      locales.map(
        (l) => sql`(lower(${subscribers.locale}) = ${l} or lower(${subscribers.locale}) like ${`${l}-%`})`,
      ),
      sql` or `,
    );
    conditions.push(sql`(${anyLocale})`);
  }
  const countries = (audience.countries ?? []).map((c) => c.toUpperCase());
  if (countries.length > 0) {
    const list = sql.join(
      countries.map((c) => sql`${c}`),
      sql`, `,
    );
    conditions.push(sql`upper(${subscribers.country}) in (${list})`);
  }
  return conditions;
}

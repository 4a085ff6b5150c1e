// Campaigns sent "at 9:00 in each reader's time zone". When the broadcast starts, the eligible audience's zone
// keys (src/subscribers/time-zone.ts: their own zone, else their country's, else "" for the brand's) are read
// once and turned into a plan: one slot per zone key with its send time, in time order. The broadcast then sleeps
// until each slot (once for slots due at the same instant) and sends its people page by page, read from the
// zone index in id order, with the same pages, keys, lane and hand-over as any campaign
// (src/functions/broadcast-run.ts).
//
// A zone whose local time has already passed when the broadcast starts (or resumes) is sent at once if it is
// inside DELIVERY_WINDOW there, and otherwise at the next such local time (the next morning): never at night,
// and never a day late when it is still a reasonable hour. Someone who joins, or whose zone changes to one that
// is not in the plan, after the plan was made is not mailed by this campaign.
import { and, count, sql } from "drizzle-orm";
import type { DailyWindow } from "../config.ts";
import type { Db } from "../db/client.ts";
import { type CampaignAudience, subscribers, ZONE_KEY_SQL } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import {
  canonicalTimeZone,
  insideWindow,
  instantOf,
  nextLocalTime,
  parseClock,
  wallTime,
} from "../lib/time-zone.ts";
import { BRAND_ZONE_KEY } from "../subscribers/time-zone.ts";
import { eligibleConditions } from "./audience.ts";
import { loadCampaign } from "./broadcast.ts";
import type { AudiencePreferences } from "./topic-audience.ts";

export type LocalSchedule = { time: string; date: string | null };
export type LocalSlot = { at: string; zone: string };

const HOUR = 60 * 60 * 1000;
/** The widest offsets in use: UTC+14 (Kiribati) and UTC-12. */
const MAX_AHEAD = 14 * HOUR;
const MAX_BEHIND = 12 * HOUR;

const clockOf = (time: string) => {
  const minutes = parseClock(time);
  if (minutes === undefined || minutes >= 24 * 60) throw new Error(`not a local time: ${time}`);
  return { hour: Math.floor(minutes / 60), minute: minutes % 60, minutes };
};

const dateOf = (date: string) => {
  const [year, month, day] = date.split("-").map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
};

/** When the first and the last zone on Earth reach this local date and time. */
export function localDateSpan(date: string, time: string): { first: Date; last: Date } {
  const { hour, minute } = clockOf(time);
  const { year, month, day } = dateOf(date);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  return { first: new Date(asUtc - MAX_AHEAD), last: new Date(asUtc + MAX_BEHIND) };
}

/** When one zone's group is due, judged at `now` (see the rule at the top of this file). */
export function dueInZone(
  now: Date,
  timeZone: string,
  schedule: LocalSchedule,
  window: DailyWindow | null,
): Date {
  const { hour, minute, minutes } = clockOf(schedule.time);
  const day = schedule.date ? dateOf(schedule.date) : wallTime(now, timeZone);
  const due = instantOf({ ...day, hour, minute }, timeZone);
  if (due.getTime() >= now.getTime()) return due;
  if (!window || insideWindow(now, timeZone, window)) return now;
  return nextLocalTime(now, timeZone, minutes);
}

/** Distinct zone keys among the people this campaign would mail now, with how many each. */
export async function eligibleZoneKeys(
  db: Db,
  input: { campaignId: string; audience: CampaignAudience; preferences: AudiencePreferences },
): Promise<{ zone: string; n: number }[]> {
  const key = sql<string | null>`${sql.raw(ZONE_KEY_SQL)}`;
  const rows = await db
    .select({ zone: key.as("zone_key"), n: count() })
    .from(subscribers)
    .where(and(...eligibleConditions(input.campaignId, input.audience, input.preferences)))
    .groupBy(sql`zone_key`);
  return rows.map((r) => ({ zone: r.zone ?? BRAND_ZONE_KEY, n: r.n }));
}

/** One slot per zone key, earliest first (ties by key, for a stable plan). */
export function planSlots(
  now: Date,
  zoneKeys: readonly string[],
  schedule: LocalSchedule,
  window: DailyWindow | null,
  brandTimeZone: string,
): LocalSlot[] {
  return zoneKeys
    .map((zone) => {
      // "" is the brand's zone; a stored zone this runtime no longer knows is timed by the brand's too.
      const timing = (zone === BRAND_ZONE_KEY ? undefined : canonicalTimeZone(zone)) ?? brandTimeZone;
      return { at: dueInZone(now, timing, schedule, window).getTime(), zone };
    })
    .sort((a, b) => a.at - b.at || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0))
    .map(({ at, zone }) => ({ at: new Date(at).toISOString(), zone }));
}

/**
 * The broadcast's "plan-local-times" step: the slots for a started local-time campaign, judged at this moment.
 * Empty when nobody is eligible (the broadcast then finishes as any campaign with nobody left).
 */
export async function planLocalSend(
  deps: Pick<AppDeps, "db" | "config" | "now" | "content">,
  campaignId: string,
): Promise<LocalSlot[]> {
  const campaign = await loadCampaign(deps.db, campaignId);
  if (!campaign?.localSendTime) return [];
  const zones = await eligibleZoneKeys(deps.db, {
    campaignId,
    audience: campaign.audience,
    // The same preferences the page reads use (src/campaigns/broadcast.ts).
    preferences: { topics: deps.content.topics, now: deps.now() },
  });
  return planSlots(
    deps.now(),
    zones.map((z) => z.zone),
    { time: campaign.localSendTime, date: campaign.localSendDate },
    deps.config.deliveryWindow,
    deps.config.brandTimeZone,
  );
}

/**
 * What a send request with localTime means for the campaign's own schedule. With a localDate the broadcast
 * starts (scheduledAt) when the first zone on Earth reaches it; a date whose time has passed everywhere, or more
 * than a year ahead, is refused. Without a date it starts now and each zone waits for its own next localTime.
 */
export function localSchedule(
  input: { localTime?: string | undefined; localDate?: string | undefined },
  now: Date,
): { startAt: Date | null } | { problem: string } {
  if (!input.localTime || !input.localDate) return { startAt: null };
  const { first, last } = localDateSpan(input.localDate, input.localTime);
  if (last.getTime() <= now.getTime()) return { problem: "That local date and time has passed everywhere." };
  if (first.getTime() - now.getTime() > 365 * 24 * HOUR) return { problem: "Must be within a year." };
  return { startAt: first.getTime() > now.getTime() ? first : null };
}

// Wall-clock arithmetic in IANA time zones with nothing but Intl (the same on Node and workerd, no tz database
// of our own to keep current). Instants are Dates; a "wall time" is a local date and time in one zone.

import { canonicalTimeZone, type DailyWindow } from "../config.ts";

export { canonicalTimeZone, type DailyWindow, MAX_TIME_ZONE_LENGTH, parseClock } from "../config.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export const isTimeZone = (value: string) => canonicalTimeZone(value) !== undefined;

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

/** The local date and time of an instant in a zone (seconds dropped). */
export function wallTime(at: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** Milliseconds the zone is ahead of UTC at this instant (New York in winter: -5 h). */
function offsetMs(at: number, timeZone: string): number {
  const whole = Math.floor(at / 60_000) * 60_000;
  return asUtc(wallTime(new Date(whole), timeZone)) - whole;
}

/**
 * The instant a wall time happens in a zone. Around a daylight-saving change it follows Temporal's "compatible"
 * rule: a time that occurs twice (clocks go back) is the first of the two; a time that never occurs (clocks go
 * forward) is moved forward by the gap, so 02:30 on a spring-forward night in New York is 03:30 EDT.
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const target = asUtc(wall);
  const day = 24 * 60 * 60 * 1000;
  // The offsets a day either side bracket any change near this wall time.
  const before = target - offsetMs(target - day, timeZone);
  const after = target - offsetMs(target + day, timeZone);
  const matches = [before, after].filter((t) => asUtc(wallTime(new Date(t), timeZone)) === target);
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(before);
}

/** The wall date one day after the given one (calendar arithmetic, not 24 hours). */
export function nextDay(w: Pick<WallTime, "year" | "month" | "day">) {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const formatClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

const minuteOfDay = (w: WallTime) => w.hour * 60 + w.minute;

export function insideWindow(at: Date, timeZone: string, window: DailyWindow): boolean {
  const m = minuteOfDay(wallTime(at, timeZone));
  return m >= window.start && m < window.end;
}

/** The next instant at or after `at` whose local time in the zone is `minutes` after midnight. */
export function nextLocalTime(at: Date, timeZone: string, minutes: number): Date {
  const now = wallTime(at, timeZone);
  const clock = { hour: Math.floor(minutes / 60), minute: minutes % 60 };
  const today = instantOf({ ...now, ...clock }, timeZone);
  if (today.getTime() >= at.getTime()) return today;
  return instantOf({ ...nextDay(now), ...clock }, timeZone);
}

/** Null when `at` is inside the window; otherwise when the window next opens in that zone. */
export function nextWindowOpening(at: Date, timeZone: string, window: DailyWindow): Date | null {
  if (insideWindow(at, timeZone, window)) return null;
  return nextLocalTime(at, timeZone, window.start);
}

// Wall-clock arithmetic (src/lib/time-zone.ts) around daylight-saving changes, and the settings that feed it.
import { describe, expect, it } from "vitest";
import { loadConfig, parseDeliveryWindow } from "../../src/config.ts";
import {
  canonicalTimeZone,
  instantOf,
  nextLocalTime,
  nextWindowOpening,
  wallTime,
} from "../../src/lib/time-zone.ts";
import { effectiveTimeZone } from "../../src/subscribers/time-zone.ts";
import { testConfig } from "../helpers/config.ts";

const WINDOW = { start: 8 * 60, end: 20 * 60 };
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("time zone names", () => {
  it("accepts IANA zones in canonical spelling and refuses offsets, junk and unknown names", () => {
    expect(canonicalTimeZone("Europe/London")).toBe("Europe/London");
    expect(canonicalTimeZone(" america/new_york ")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    // Three-part names are accepted; the runtime's ICU decides the canonical alias.
    expect(canonicalTimeZone("America/Argentina/Buenos_Aires")).toMatch(
      /^America\/(Argentina\/)?Buenos_Aires$/,
    );
    for (const bad of [
      "",
      "+05:00",
      "Mars/Olympus_Mons",
      "Europe/London; drop table",
      "../etc",
      "x".repeat(80),
    ]) {
      expect(canonicalTimeZone(bad), bad).toBeUndefined();
    }
  });
});

describe("instants of wall times", () => {
  it("follows each zone's offset in summer and winter", () => {
    const at = (day: number, month: number, zone: string) =>
      instantOf({ year: 2026, month, day, hour: 9, minute: 0 }, zone).toISOString();
    expect(at(15, 1, "America/New_York")).toBe("2026-01-15T14:00:00.000Z");
    expect(at(15, 7, "America/New_York")).toBe("2026-07-15T13:00:00.000Z");
    expect(at(15, 1, "Australia/Sydney")).toBe("2026-01-14T22:00:00.000Z");
    expect(at(15, 7, "Australia/Sydney")).toBe("2026-07-14T23:00:00.000Z");
    expect(at(15, 1, "Asia/Kolkata")).toBe("2026-01-15T03:30:00.000Z");
  });

  it("moves a time that does not exist forward by the gap, and takes the first of a time that happens twice", () => {
    // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November 2026.
    const gap = instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York");
    expect(gap.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(wallTime(gap, "America/New_York")).toMatchObject({ hour: 3, minute: 30 });
    const twice = instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York");
    expect(twice.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});

describe("the delivery window", () => {
  it("is open from 08:00 to 20:00 local time and otherwise names the next opening", () => {
    const zone = "Europe/London";
    expect(nextWindowOpening(new Date("2026-12-02T08:00:00Z"), zone, WINDOW)).toBeNull();
    expect(nextWindowOpening(new Date("2026-12-02T19:59:00Z"), zone, WINDOW)).toBeNull();
    expect(iso(nextWindowOpening(new Date("2026-12-02T20:00:00Z"), zone, WINDOW))).toBe(
      "2026-12-03T08:00:00.000Z",
    );
    expect(iso(nextWindowOpening(new Date("2026-12-02T03:00:00Z"), zone, WINDOW))).toBe(
      "2026-12-02T08:00:00.000Z",
    );
  });

  it("opens at 08:00 local on the morning after a daylight-saving change, not 24 hours later", () => {
    // 22:00 EST on Saturday 7 March; the next 08:00 is EDT, 23 hours away rather than 10 + 24.
    const evening = new Date("2026-03-08T03:00:00Z");
    expect(iso(nextWindowOpening(evening, "America/New_York", WINDOW))).toBe("2026-03-08T12:00:00.000Z");
    // 22:00 EDT on Saturday 31 October; the next 08:00 is EST.
    const autumn = new Date("2026-11-01T02:00:00Z");
    expect(iso(nextWindowOpening(autumn, "America/New_York", WINDOW))).toBe("2026-11-01T13:00:00.000Z");
    // Sydney moves its clocks forward on 4 October 2026.
    const sydney = new Date("2026-10-03T11:00:00Z"); // 21:00 AEST
    expect(iso(nextWindowOpening(sydney, "Australia/Sydney", WINDOW))).toBe("2026-10-03T21:00:00.000Z");
  });

  it("gives the next local 9:00 on the same day or the day after", () => {
    const zone = "America/Chicago";
    expect(iso(nextLocalTime(new Date("2026-12-02T14:00:00Z"), zone, 540))).toBe("2026-12-02T15:00:00.000Z");
    expect(iso(nextLocalTime(new Date("2026-12-02T15:00:00Z"), zone, 540))).toBe("2026-12-02T15:00:00.000Z");
    expect(iso(nextLocalTime(new Date("2026-12-02T15:01:00Z"), zone, 540))).toBe("2026-12-03T15:00:00.000Z");
  });
});

describe("settings", () => {
  it("defaults to 08:00-20:00 and the brand's New York zone, and refuses a bad window or zone by name", () => {
    const config = loadConfig({});
    expect(config.deliveryWindow).toEqual(WINDOW);
    expect(config.brandTimeZone).toBe("America/New_York");
    expect(loadConfig({ DELIVERY_WINDOW: "off" }).deliveryWindow).toBeNull();
    expect(loadConfig({ DELIVERY_WINDOW: "09:30-21:00", BRAND_TIME_ZONE: "europe/dublin" })).toMatchObject({
      deliveryWindow: { start: 570, end: 1260 },
      brandTimeZone: "Europe/Dublin",
    });
    for (const bad of ["20:00-08:00", "8-20", "08:00-25:00", "08:00-08:00", "08:00"]) {
      expect(parseDeliveryWindow(bad), bad).toBeUndefined();
    }
    expect(() => loadConfig({ DELIVERY_WINDOW: "20:00-08:00" })).toThrow(
      /DELIVERY_WINDOW: use "HH:MM-HH:MM"/,
    );
    expect(() => loadConfig({ BRAND_TIME_ZONE: "Moon/Base" })).toThrow(/BRAND_TIME_ZONE: must be an IANA/);
  });

  it("counts a subscriber's own zone first, then their country's, then the brand's", () => {
    const brand = testConfig({ BRAND_TIME_ZONE: "Europe/Berlin" }).brandTimeZone;
    expect(effectiveTimeZone({ timeZone: "Asia/Tokyo", country: "US" }, brand)).toEqual({
      timeZone: "Asia/Tokyo",
      source: "subscriber",
    });
    expect(effectiveTimeZone({ timeZone: null, country: "us" }, brand)).toEqual({
      timeZone: "America/New_York",
      source: "country",
    });
    expect(effectiveTimeZone({ timeZone: null, country: "IE" }, brand).timeZone).toBe("Europe/Dublin");
    expect(effectiveTimeZone({ timeZone: null, country: "DE" }, brand)).toEqual({
      timeZone: "Europe/Berlin",
      source: "brand",
    });
    expect(effectiveTimeZone({ timeZone: null, country: null }, brand).source).toBe("brand");
  });
});

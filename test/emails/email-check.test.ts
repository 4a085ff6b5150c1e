// The core of `npm run email:check`, run by CI: every email a reader gets, for US, CA, GB, IE and no country,
// in headless Chromium at 375 px (light, dark, forced dark) and 600 px, is no wider than the screen and shows
// every crisis line whole; and no feature the five main clients lack is used unless the allowlist says why.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFindings, FAMILIES, type Family } from "../../scripts/email-check/clients.ts";
import { checkLayout, launch, type Mode } from "../../scripts/email-check/layout.ts";
import { type CheckedEmail, checkedEmails } from "../../scripts/email-check/messages.ts";
import { loadContentFromDisk } from "../../src/content/node.ts";

const emails: CheckedEmail[] = await checkedEmails(loadContentFromDisk());
const browsers: Partial<Record<"plain" | "forced", Browser>> = {};
const pages: Partial<Record<"plain" | "forced", Page>> = {};

beforeAll(async () => {
  browsers.plain = await launch(false);
  browsers.forced = await launch(true);
  pages.plain = await browsers.plain.newPage();
  pages.forced = await browsers.forced.newPage();
}, 60_000);
afterAll(async () => {
  await browsers.plain?.close();
  await browsers.forced?.close();
});

const RUNS: [number, Mode][] = [
  [375, "light"],
  [375, "dark"],
  [375, "forced-dark"],
  [600, "light"],
];

describe("layout in Chromium", () => {
  it.each(emails.map((e) => [e.id, e] as const))("%s", async (_id, email) => {
    for (const [width, mode] of RUNS) {
      const page = mode === "forced-dark" ? pages.forced : pages.plain;
      if (!page) throw new Error("no browser page");
      const result = await checkLayout(page, email.message.html, width, mode);
      expect(result.problems, `${width}px ${mode}`).toEqual([]);
      expect(result.scrollWidth).toBeLessThanOrEqual(width);
    }
  });
});

describe("mail client support (caniemail)", () => {
  const samples = [...new Map(emails.map((e) => [e.sample, e])).values()];
  it.each(samples.map((e) => [e.sample, e] as const))("%s", (_name, email) => {
    const findings = clientFindings(email.message.html);
    for (const family of Object.keys(FAMILIES) as Family[])
      expect(findings[family].errors, family).toEqual([]);
  });
});

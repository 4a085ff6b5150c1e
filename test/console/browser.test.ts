// Keyboard-only sign-in in a real Chromium against the real app on a random port: Tab to the field, type, Enter;
// open the emailed link, Tab to the button, Enter; the dashboard; Tab to "Sign out", Enter. The console's CSP is
// watched: a page that needed an inline style or script would report a violation here. Then the stylesheet as
// the browser applies it: every invalid field's border, and the tables on a 375 px phone.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/email-check/layout.ts";
import { createAccount } from "../../src/accounts/create.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";
import { latestLink } from "./helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => browser?.close());

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 15) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i + 1;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The app on a random local port. */
function served(t: TestApp) {
  return new Promise<{ close: (cb: () => void) => void; base: string }>((resolve) => {
    const s = serve({ fetch: t.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve({ close: (cb) => s.close(cb), base: `http://127.0.0.1:${info.port}` }),
    );
  });
}

describe("console in Chromium", () => {
  it("signs in, sees the dashboard and signs out with the keyboard alone, under the CSP", async () => {
    const t = createTestApp();
    await createAccount(
      t.db,
      { email: "sam@team.hopemark.test", name: "Sam Rivera", role: "marketer" },
      t.deps.now(),
    );
    const server = await served(t);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    try {
      await page.goto(`${server.base}/admin`);
      expect(new URL(page.url()).pathname).toBe("/admin/login");
      // The first Tab reaches the skip link.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
      await tabTo(page, "input[name=email]");
      await page.keyboard.type("sam@team.hopemark.test");
      await Promise.all([page.waitForURL(/\/admin\/login$/), page.keyboard.press("Enter")]);
      await page.getByRole("heading", { name: "Check your inbox" }).waitFor();

      // The email's link points at APP_URL; the same path on this server.
      const link = new URL((await latestLink(t, "sam@team.hopemark.test")) ?? "");
      await page.goto(`${server.base}${link.pathname}${link.search}`);
      await page.getByRole("heading", { name: "Sign in as Sam Rivera" }).waitFor();
      await tabTo(page, "button[type=submit]");
      await Promise.all([page.waitForURL(`${server.base}/admin`), page.keyboard.press("Enter")]);
      await page.getByRole("heading", { name: "Welcome, Sam Rivera" }).waitFor();
      // The first-party stylesheet applied (style-src 'self').
      const bar = await page.evaluate(
        () => getComputedStyle(document.querySelector(".topbar") as Element).backgroundColor,
      );
      expect(bar).toBe("rgb(18, 53, 91)");
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === "hopemark_console")).toMatchObject({
        httpOnly: true,
        sameSite: "Lax",
      });

      await tabTo(page, "form[action='/admin/logout'] button", 10);
      await Promise.all([page.waitForURL(/signed-out=1/), page.keyboard.press("Enter")]);
      await page.getByText("You are signed out.").waitFor();
      await page.goto(`${server.base}/admin`);
      expect(new URL(page.url()).pathname).toBe("/admin/login");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await new Promise<void>((resolve) => server.close(resolve));
    }
  }, 90_000);

  it("draws every invalid field with the danger border, and fits the campaign list and audit log on a phone", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner", name: "Olu Bassey" });
    await owner.post(t.app, "/admin/campaigns/new", { templateId: "questions-for-your-clinician" });
    const server = await served(t);
    const [name = "", value = ""] = owner.cookie.split("=");
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    await context.addCookies([{ name, value, url: server.base }]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/admin/campaigns/new`);
      const normal = await page.evaluate(
        () => getComputedStyle(document.querySelector("#field-subject") as Element).borderTopColor,
      );
      await page.fill("#field-name", "x");
      await page.fill("#field-subject", "ab");
      await page.fill("#field-preheader", "p");
      await Promise.all([page.waitForURL(/\/admin\/campaigns\/new$/), page.click("button:text-is('Save')")]);
      await page.locator(".error-summary").waitFor();
      const borders = await page.evaluate(() =>
        [...document.querySelectorAll("[aria-invalid=true]")].map((el) => [
          el.id,
          getComputedStyle(el).borderTopColor,
        ]),
      );
      expect(borders.map(([id]) => id)).toEqual([
        "field-name",
        "field-subject",
        "field-preheader",
        "field-bodyMarkdown",
        "field-authorId",
      ]);
      const danger = "rgb(179, 38, 30)";
      expect(normal).not.toBe(danger);
      for (const [id, colour] of borders) expect(colour, id).toBe(danger);

      for (const path of ["/admin/campaigns", "/admin/audit"]) {
        await page.goto(`${server.base}${path}`);
        const fit = await page.evaluate(() => {
          const wrap = document.querySelector(".table-wrap") as HTMLElement;
          return {
            page: document.documentElement.scrollWidth,
            wrap: wrap.scrollWidth,
            room: wrap.clientWidth,
          };
        });
        expect(fit.page, path).toBe(375);
        expect(fit.wrap, path).toBeLessThanOrEqual(fit.room);
      }
    } finally {
      await context.close();
      await new Promise<void>((resolve) => server.close(resolve));
      t.close();
    }
  }, 90_000);
});

// The signup page in a real Chromium with a chosen time zone: the served script fills the hidden field under
// the page's CSP, and the signup stores the zone; with JavaScript off the form still signs up, without one.
import { type AddressInfo, createServer } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/email-check/layout.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { subscriberByEmail } from "../journey/helpers.ts";

let t: TestApp | undefined;
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => browser?.close());
afterEach(() => t?.close());

/** A free local port, so the app's APP_URL (the form's action) can name the server it runs on. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function servedApp() {
  const port = await freePort();
  t = createTestApp({ env: { APP_URL: `http://127.0.0.1:${port}` } });
  return { app: t, server: await served(t, port) };
}

async function served(app: TestApp, port: number) {
  return new Promise<{ close: () => Promise<void>; base: string }>((resolve) => {
    const s = serve({ fetch: app.app.fetch, hostname: "127.0.0.1", port }, (info: AddressInfo) =>
      resolve({
        close: () => new Promise<void>((done) => s.close(() => done())),
        base: `http://127.0.0.1:${info.port}`,
      }),
    );
  });
}

async function subscribe(javaScriptEnabled: boolean, email: string, base: string) {
  const context = await browser.newContext({ timezoneId: "America/Denver", javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${base}/`);
  await page.waitForLoadState("load");
  const field = await page.locator("#time-zone").inputValue();
  await page.fill("#email", email);
  await page.check("#consent");
  await Promise.all([page.waitForURL(/check-your-inbox/), page.click("button[type=submit]")]);
  await context.close();
  return { field, problems };
}

describe("signup page time zone in Chromium", () => {
  it("with JavaScript: the field holds the browser's zone, no CSP report, and the subscriber keeps it", async () => {
    const { app, server } = await servedApp();
    try {
      const run = await subscribe(true, "browser.zone@example.com", server.base);
      expect(run.problems).toEqual([]);
      expect(run.field).toBe("America/Denver");
      const row = await subscriberByEmail(app.db, "browser.zone@example.com");
      expect(row?.timeZone).toBe("America/Denver");
    } finally {
      await server.close();
    }
  }, 60_000);

  it("without JavaScript: the field stays empty and the signup still goes through", async () => {
    const { app, server } = await servedApp();
    try {
      const run = await subscribe(false, "no.js.zone@example.com", server.base);
      expect(run.field).toBe("");
      const row = await subscriberByEmail(app.db, "no.js.zone@example.com");
      expect(row?.status).toBe("pending");
      expect(row?.timeZone).toBeNull();
    } finally {
      await server.close();
    }
  }, 60_000);
});

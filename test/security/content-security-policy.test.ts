// A strict Content-Security-Policy on every page, checked twice: the header itself, and every page opened in a
// real Chromium with the console watched, so a policy that would break a page (an inline style or script the
// policy does not allow) fails here rather than in a visitor's browser.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/email-check/layout.ts";
import { signToken } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postJson, seedSubscriber } from "../journey/helpers.ts";

const SECRET = "test-token-secret-0123456789abcdef0123456789";
let t: TestApp | undefined;
afterEach(() => t?.close());

function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(" ")]),
  );
}

describe("Content-Security-Policy and HSTS headers", () => {
  it("every page: no inline script, no framing, forms post to this origin only", async () => {
    t = createTestApp();
    for (const path of [
      "/",
      "/check-your-inbox",
      "/confirm?token=broken",
      "/unsubscribe?token=broken",
      "/nope",
    ]) {
      const res = await t.app.request(path);
      const csp = directives(res.headers.get("content-security-policy"));
      expect(csp["default-src"], path).toBe("'none'");
      expect(csp["script-src"], path).toBe("'self'");
      expect(csp["style-src"], path).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
      expect(csp["frame-ancestors"], path).toBe("'none'");
      expect(csp["form-action"], path).toBe("'self' http://newsletter.test");
      expect(csp["base-uri"], path).toBe("'none'");
      expect(`${csp["script-src"]} ${csp["style-src"]}`).not.toContain("unsafe-inline");
    }
  });

  it("sends HSTS over https only", async () => {
    t = createTestApp();
    expect(
      (await t.app.request("http://newsletter.test/")).headers.get("strict-transport-security"),
    ).toBeNull();
    expect(
      (await t.app.request("https://newsletter.test/")).headers.get("strict-transport-security"),
    ).toMatch(/^max-age=\d+/);
    // A client cannot ask for it over http; a named proxy that terminated TLS can say so.
    const forged = await t.app.request("http://newsletter.test/", {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(forged.headers.get("strict-transport-security")).toBeNull();
    t.close();
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    const proxied = await t.app.request("http://newsletter.test/", {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(proxied.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});

describe("pages in Chromium under the policy", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it("no page reports a CSP violation, and the stylesheet applies", async () => {
    t = createTestApp();
    const app = t;
    const server = await new Promise<{ close: (cb: () => void) => void; base: string }>((resolve) => {
      const s = serve({ fetch: app.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
        resolve({ close: (cb) => s.close(cb), base: `http://127.0.0.1:${info.port}` }),
      );
    });
    try {
      const pending = await seedSubscriber(app.db, { status: "pending" });
      const active = await seedSubscriber(app.db, { status: "active" });
      await postJson(app.app, "/api/subscribe", { email: "outbox.reader@example.com", consent: true });
      const paths = [
        "/",
        "/check-your-inbox",
        `/confirm?token=${await signToken(SECRET, "confirm", pending.id, { ttlMs: 60_000 })}`,
        "/confirm?token=broken",
        `/unsubscribe?token=${await signToken(SECRET, "unsubscribe", active.id)}`,
        "/unsubscribe?token=broken",
        "/dev/outbox",
      ];
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
      for (const path of paths) {
        const res = await page.goto(`${server.base}${path}`);
        expect(res?.headers()["content-security-policy"], path).toBeTruthy();
        // The inline stylesheet is allowed by its hash: the crisis banner has its dark background.
        if (!path.startsWith("/dev/")) {
          const bg = await page.evaluate(
            () => getComputedStyle(document.querySelector(".crisis") as Element).backgroundColor,
          );
          expect(bg, path).toBe("rgb(18, 53, 91)");
        }
      }
      // The outbox's message page shows the email in a srcdoc frame, which inherits the outbox's policy.
      const link = await page
        .goto(`${server.base}/dev/outbox`)
        .then(() => page.locator("a[href^='/dev/outbox/']").first());
      if ((await link.count()) > 0) await Promise.all([page.waitForLoadState(), link.click()]);
      expect(problems).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(resolve));
    }
  }, 60_000);
});

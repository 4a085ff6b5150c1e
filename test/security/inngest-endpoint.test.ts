// /api/inngest is reachable from the internet. Junk must get a 4xx in the one error shape (no 500, no stack, no
// internal path) in dev and cloud mode alike, and the SDK's own log lines go through our redacting JSON logger.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  vi.restoreAllMocks();
});

const cloud = {
  INNGEST_DEV: "",
  INNGEST_EVENT_KEY: "evt-test-key",
  INNGEST_SIGNING_KEY: "signkey-test-0123456789abcdef0123456789abcdef",
};

const junk: [string, string, string][] = [
  ["", "{{{", "application/json"],
  ["?fnId=hopemark-newsletter-send-confirmation&stepId=step", "{{{", "application/json"],
  ["?fnId=hopemark-newsletter-send-confirmation&stepId=step", "[1,2", "application/json"],
  ["?fnId=nope&stepId=step", '"a string"', "application/json"],
  ["", "<xml/>", "text/xml"],
];

describe("POST/PUT /api/inngest with junk", () => {
  for (const [mode, env] of [
    ["dev", {}],
    ["cloud", cloud],
  ] as const) {
    it(`answers 4xx without a stack trace in ${mode} mode`, async () => {
      t = createTestApp({ env });
      for (const method of ["POST", "PUT"]) {
        for (const [query, body, type] of junk) {
          const res = await t.app.request(`/api/inngest${query}`, {
            method,
            headers: { "content-type": type },
            body,
          });
          const text = await res.text();
          expect(res.status, `${method} ${query} ${body}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${method} ${query} ${body}`).toBeLessThan(500);
          expect(text).not.toMatch(/node_modules|\/src\/|at .*:\d+:\d+|SyntaxError/);
        }
      }
      expect(t.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    });
  }

  it("the SDK logs through our JSON logger, not raw text on the console", async () => {
    const raw: unknown[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args) => raw.push(args));
    }
    t = createTestApp();
    // A body-less execution request makes the SDK log "Missing body when executing".
    await t.app.request("/api/inngest?fnId=hopemark-newsletter-send-confirmation&stepId=step", {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(raw).toEqual([]);
    const sdkLines = t.logLines.map((l) => JSON.parse(l)).filter((l) => l.source === "inngest");
    expect(sdkLines.length).toBeGreaterThan(0);
    expect(sdkLines.some((l) => /missing body/i.test(l.msg))).toBe(true);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createFunctions } from "../../src/functions/index.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("app foundation", () => {
  it("GET /healthz answers 200 when the database is reachable", async () => {
    t = createTestApp();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /healthz answers 503 when the database is gone", async () => {
    t = createTestApp();
    t.sqlite.close();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", database: false });
    t = { ...t, close: () => {} };
  });

  it("GET /api/inngest introspects the registered functions", async () => {
    t = createTestApp();
    const res = await t.app.request("/api/inngest");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { function_count: number };
    const functions = createFunctions(t.deps);
    expect(functions.map((f) => f.opts.id).sort()).toEqual([
      "broadcast-campaign",
      "broadcast-chunk",
      "drip-series",
      "prune-operational-logs",
      "prune-reply-bodies",
      "purge-unconfirmed",
      "send-confirmation",
      "send-goodbye",
      "triage-reply",
      "welcome-back",
    ]);
    // Inngest registers an onFailure handler as a function of its own.
    const failureHandlers = functions.filter((f) => "onFailure" in f.opts && f.opts.onFailure).length;
    expect(failureHandlers).toBe(2);
    expect(body.function_count).toBe(functions.length + failureHandlers);
  });

  it("unknown paths get the JSON error shape", async () => {
    t = createTestApp();
    const res = await t.app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
  });

  it("admin routes refuse requests without the bearer token", async () => {
    t = createTestApp();
    for (const authorization of [undefined, "Bearer wrong-token", "Basic abc"]) {
      const res = await t.app.request("/api/admin/campaigns", {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it("sets security headers and no referrer", async () => {
    t = createTestApp();
    const res = await t.app.request("/healthz");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

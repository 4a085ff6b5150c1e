// Proves the Worker entry, the drizzle schema and the migrations work inside workerd against D1.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const worker = (exports as unknown as { default: unknown }).default as {
  fetch: (req: Request) => Promise<Response>;
};
const get = (path: string) => worker.fetch(new Request(`https://news.hopemark.test${path}`));

describe("Cloudflare Worker with D1", () => {
  it("applies the migrations to D1", async () => {
    const { results } = await env.DB.prepare("select name from sqlite_master where type = 'table'").all<{
      name: string;
    }>();
    const tables = results.map((r) => r.name);
    for (const table of [
      "subscribers",
      "consents",
      "sends",
      "suppressions",
      "outbox",
      "campaigns",
      "pending_events",
    ]) {
      expect(tables).toContain(table);
    }
  });

  it("GET /healthz answers 200 through D1", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: true });
  });

  it("GET /api/inngest lists the functions", async () => {
    const res = await get("/api/inngest");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { function_count: number }).function_count).toBeGreaterThan(0);
  });
});

// A database locked by another process past the busy timeout: 503 with Retry-After (a page for form posts),
// nothing half-written, and the rate limiter that could not count says so in the log.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { buildDeps } from "../../src/build-deps.ts";
import { loadContentFromDisk } from "../../src/content/node.ts";
import { openNodeDb } from "../../src/db/node.ts";
import { consents, subscribers } from "../../src/db/schema.ts";
import { createInngestClient } from "../../src/inngest/client.ts";
import { createLogger } from "../../src/lib/log.ts";
import { testConfig } from "../helpers/config.ts";
import { createFakeInngestApi } from "../helpers/fake-inngest.ts";
import { postForm, postJson } from "../journey/helpers.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

function appOverFile() {
  const dir = mkdtempSync(join(tmpdir(), "hopemark-busy-"));
  const path = join(dir, "db.sqlite");
  const nodeDb = openNodeDb(path, { busyTimeoutMs: 100 });
  const config = testConfig({ INNGEST_DEV: "1" });
  const logLines: string[] = [];
  const logger = createLogger("debug", (line) => logLines.push(line));
  const deps = buildDeps({
    config,
    db: nodeDb.db,
    content: loadContentFromDisk(),
    logger,
    inngest: createInngestClient(config, { fetch: createFakeInngestApi().fetch, logger }),
  });
  // Another process (a migration, a backup, the CLI) holding the write lock.
  const other = new Database(path);
  cleanups.push(() => {
    if (other.inTransaction) other.exec("ROLLBACK");
    other.close();
    nodeDb.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app: createApp(deps), db: nodeDb.db, other, logLines };
}

describe("database busy", () => {
  it("a JSON signup gets 503 with Retry-After, and works once the lock is gone", async () => {
    const t = appOverFile();
    t.other.exec("BEGIN EXCLUSIVE");
    const res = await postJson(t.app, "/api/subscribe", { email: "busy@example.com", consent: true });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: "temporarily_unavailable" } });
    t.other.exec("ROLLBACK");
    expect(await t.db.select().from(subscribers)).toEqual([]);
    expect(await t.db.select().from(consents)).toEqual([]);

    const again = await postJson(t.app, "/api/subscribe", { email: "busy@example.com", consent: true });
    expect(again.status).toBe(202);
  });

  it("a form post gets a readable page with Retry-After", async () => {
    const t = appOverFile();
    t.other.exec("BEGIN EXCLUSIVE");
    const res = await postForm(t.app, "/api/subscribe", { email: "busy@example.com", consent: "on" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("Nothing was saved");
  });

  it("the rate limiter that cannot count lets the request through and logs it as an error", async () => {
    const t = appOverFile();
    t.other.exec("BEGIN EXCLUSIVE");
    await postJson(t.app, "/api/subscribe", { email: "busy@example.com", consent: true });
    const lines = t.logLines.map((l) => JSON.parse(l));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: expect.stringMatching(/rate limiter unavailable/),
        limiter: "subscribe",
      }),
    );
    expect(lines.filter((l) => l.msg === "unhandled error")).toEqual([]);
  });
});

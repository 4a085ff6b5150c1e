// Builds the real app over a fresh in-memory SQLite database with the migrations applied, the local outbox
// transport, the shipped content and a fake Inngest event API. Each test gets its own.
import { createApp } from "../../src/app.ts";
import { buildDeps } from "../../src/build-deps.ts";
import type { RawEnv } from "../../src/config.ts";
import { loadContentFromDisk } from "../../src/content/node.ts";
import type { Db } from "../../src/db/client.ts";
import { openNodeDb } from "../../src/db/node.ts";
import { createInngestClient } from "../../src/inngest/client.ts";
import { createLogger } from "../../src/lib/log.ts";
import type { Transport } from "../../src/mail/types.ts";
import { testConfig } from "./config.ts";
import { createFakeInngestApi } from "./fake-inngest.ts";

let content: ReturnType<typeof loadContentFromDisk> | undefined;

/**
 * The real dependencies over a fresh in-memory database. `transport` replaces the configured one, for function
 * tests that need to observe or break the provider.
 */
export function createTestDeps(
  options: {
    env?: RawEnv;
    now?: () => Date;
    transport?: (db: Db) => Transport;
    /** Signups' events go through the batcher, as on the Node server. */
    batchEvents?: boolean;
  } = {},
) {
  const config = testConfig({ INNGEST_DEV: "1", ...options.env });
  const nodeDb = openNodeDb(":memory:");
  const inngestApi = createFakeInngestApi();
  const logLines: string[] = [];
  content ??= loadContentFromDisk();
  const logger = createLogger("debug", (line) => logLines.push(line));
  const deps = buildDeps({
    config,
    db: nodeDb.db,
    content,
    logger,
    inngest: createInngestClient(config, { fetch: inngestApi.fetch, logger }),
    ...(options.transport ? { transport: options.transport(nodeDb.db) } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.batchEvents ? { batchEvents: true } : {}),
  });
  return { deps, db: nodeDb.db, sqlite: nodeDb.sqlite, inngestApi, logLines, close: nodeDb.close };
}

/** The real app over {@link createTestDeps}. */
export function createTestApp(options: { env?: RawEnv; now?: () => Date; batchEvents?: boolean } = {}) {
  const t = createTestDeps(options);
  const app = createApp(t.deps);
  // app.request runs like a Worker request: with an execution context, resolving once the work the route left
  // for after its answer (waitUntil: event dispatch) is done, so tests see what a request sent. app.fetch
  // without a context is the bare path, for tests that time the answer itself.
  const request = app.request;
  app.request = (async (input, init, env, executionCtx) => {
    if (executionCtx) return request(input, init, env, executionCtx);
    const after: Promise<unknown>[] = [];
    const ctx = {
      waitUntil: (p: Promise<unknown>) => after.push(p),
      passThroughOnException: () => {},
      props: {},
    };
    const res = await request(input, init, env, ctx);
    await Promise.all(after);
    return res;
  }) as typeof app.request;
  return { app, ...t };
}
export type TestApp = ReturnType<typeof createTestApp>;

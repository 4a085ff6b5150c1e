// Shared set-up for the subscriber-journey tests: requests in the shapes browsers, API clients and mailbox
// providers send, direct seeding of subscribers, and function runs through @inngest/test.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { App } from "../../src/app.ts";
import { buildDeps } from "../../src/build-deps.ts";
import { type RawEnv, testConfig } from "../../src/config.ts";
import { loadContentFromDisk } from "../../src/content/node.ts";
import type { Db } from "../../src/db/client.ts";
import { openNodeDb } from "../../src/db/node.ts";
import {
  consents,
  outbox,
  pendingEvents,
  type SubscriberStatus,
  subscribers,
  suppressions,
} from "../../src/db/schema.ts";
import { createInngestClient } from "../../src/inngest/client.ts";
import { hashEmail, normaliseEmail } from "../../src/lib/email-address.ts";
import { createLogger } from "../../src/lib/log.ts";
import type { Transport } from "../../src/mail/types.ts";
import { createFakeInngestApi } from "../helpers/fake-inngest.ts";

export const APP_URL = "http://newsletter.test";

type Requestable = { request: App["request"] };

export function postForm(
  app: Requestable,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export function postJson(
  app: Requestable,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A multipart body built by the platform's FormData (the boundary comes with the content type). */
export function postMultipart(app: Requestable, path: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return app.request(path, { method: "POST", body: form });
}

let seq = 0;
export async function seedSubscriber(
  db: Db,
  options: { status?: SubscriberStatus; email?: string; firstName?: string; country?: string } = {},
) {
  const email = normaliseEmail(options.email ?? `reader${++seq}@example.com`);
  const id = `sub_seed${++seq}`;
  await db.insert(subscribers).values({
    id,
    email,
    emailHash: await hashEmail(email),
    firstName: options.firstName ?? "Sam",
    status: options.status ?? "active",
    source: "test",
    country: options.country ?? null,
  });
  return { id, email };
}

export async function suppress(db: Db, email: string, reason: (typeof suppressions.$inferInsert)["reason"]) {
  await db.insert(suppressions).values({ emailHash: await hashEmail(email), reason });
}

export async function subscriberByEmail(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(eq(subscribers.emailHash, await hashEmail(email)));
  return row;
}

export async function counts(db: Db) {
  const [s, c, p, o] = await Promise.all([
    db.select().from(subscribers),
    db.select().from(consents),
    db.select().from(pendingEvents),
    db.select().from(outbox),
  ]);
  return { subscribers: s.length, consents: c.length, pendingEvents: p.length, outbox: o.length };
}

/** Outbox rows in insertion order (created_at can tie within a millisecond). */
export function outboxRows(sqlite: { prepare: (sql: string) => { all: () => unknown[] } }) {
  return sqlite
    .prepare('select idempotency_key as key, "to", subject, html, text, headers from outbox order by rowid')
    .all()
    .map((r) => {
      const row = r as {
        key: string;
        to: string;
        subject: string;
        html: string;
        text: string;
        headers: string;
      };
      return { ...row, headers: JSON.parse(row.headers) as Record<string, string> };
    });
}

/**
 * Deps over a fresh in-memory database like createTestApp's, but with a replaceable transport, for function
 * tests that need to observe or break the provider.
 */
export function journeyDeps(
  options: { transport?: (db: Db) => Transport; env?: RawEnv; now?: () => Date } = {},
) {
  const config = testConfig({ INNGEST_DEV: "1", ...options.env });
  const nodeDb = openNodeDb(":memory:");
  const inngestApi = createFakeInngestApi();
  const deps = buildDeps({
    config,
    db: nodeDb.db,
    content: loadContentFromDisk(),
    logger: createLogger("error", () => {}),
    inngest: createInngestClient(config, {
      fetch: inngestApi.fetch,
      logger: createLogger("error", () => {}),
    }),
    ...(options.transport ? { transport: options.transport(nodeDb.db) } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { deps, db: nodeDb.db, sqlite: nodeDb.sqlite, inngestApi, close: nodeDb.close };
}

type Fn = ConstructorParameters<typeof InngestTestEngine>[0]["function"];

/**
 * A fresh engine and a fresh steps array per run (the engine mutates both). `beforeStep` runs async work inside
 * a step.run callback just before the real one, e.g. a visitor clicking a link while the series sleeps (sleep
 * mock handlers cannot do that: the engine does not wait for an async sleep handler).
 */
export function runFunction(
  fn: Fn,
  event: { name: string; data: Record<string, unknown> },
  steps: { id: string; handler: () => unknown }[] = [],
  beforeStep: Record<string, () => Promise<unknown>> = {},
) {
  // Without hooks, keep the engine's default context so every ctx.step.* stays a spy tests can inspect.
  const transformCtx = (raw: Parameters<typeof mockCtx>[0]) => {
    const ctx = mockCtx(raw);
    const run = ctx.step.run;
    const wrapped = (id: string, callback: () => unknown) => {
      const hook = beforeStep[id];
      const withHook = async () => {
        await hook?.();
        return callback();
      };
      return run(id, hook ? withHook : callback);
    };
    ctx.step.run = wrapped as typeof run;
    return ctx;
  };
  const engine = new InngestTestEngine({
    function: fn,
    events: [event],
    steps: [...steps],
    ...(Object.keys(beforeStep).length > 0 ? { transformCtx } : {}),
  });
  return engine.execute();
}

/** Every drip sleep resolved at once; `onWake` runs when the sleep before that lesson ends. */
export function sleepMocks(lessonIds: string[], onWake: Record<string, () => void> = {}) {
  return lessonIds.map((id) => ({
    id: `wait-before-${id}`,
    handler() {
      onWake[id]?.();
    },
  }));
}

/** The query string token of a link, e.g. the confirm link in an email. */
export function linkFrom(text: string, path: string): string {
  const match = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}${path}\\?token=[A-Za-z0-9._-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in the text`);
  return match[0];
}

/** Page HTML with the entities the html helper writes turned back into characters, for readable assertions. */
export async function pageText(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

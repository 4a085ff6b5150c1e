// Shared set-up for the subscriber-journey tests: requests in the shapes browsers, API clients and mailbox
// providers send, direct seeding of subscribers, and function runs through @inngest/test.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { App } from "../../src/app.ts";
import type { Db } from "../../src/db/client.ts";
import { consents, outbox, pendingEvents, type SubscriberStatus, subscribers } from "../../src/db/schema.ts";
import { hashEmail, normaliseEmail } from "../../src/lib/email-address.ts";
import { createTestDeps } from "../helpers/app.ts";
import { insertSubscriber, suppress } from "../helpers/seed.ts";

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
  return insertSubscriber(db, {
    id: `sub_seed${++seq}`,
    email,
    firstName: options.firstName ?? "Sam",
    ...(options.status ? { status: options.status } : {}),
    ...(options.country ? { country: options.country } : {}),
  });
}

export { suppress };

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

/** Deps for function tests, with a replaceable transport: the shared builder (test/helpers/app.ts). */
export const journeyDeps = createTestDeps;

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

// Shared set-up for the campaign tests: the real app over in-memory SQLite, bulk seeding of subscribers with
// sortable ids, admin requests, a mailer wrapper that counts provider calls and can act between them, and
// broadcast runs through @inngest/test.
import { InngestTestEngine } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { createAccount } from "../../src/accounts/create.ts";
import { setAccountTitle } from "../../src/accounts/set-title.ts";
import { type CampaignAudience, campaigns, outbox, sends } from "../../src/db/schema.ts";
import { createBroadcastCampaign } from "../../src/functions/broadcast-campaign.ts";
import { createBroadcastChunk } from "../../src/functions/broadcast-chunk.ts";
import type { RunOptions } from "../../src/functions/broadcast-run.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import type { Mailer, OutgoingEmail } from "../../src/mail/types.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { suppress as suppressRow } from "../helpers/seed.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
export const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

export function setup(options: Parameters<typeof createTestApp>[0] = {}) {
  return createTestApp(options);
}

export function admin(t: TestApp, method: string, path: string, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export type SeedSpec = {
  count: number;
  /** Ids are `${prefix}${n}` zero-padded, so id order is seeding order. */
  prefix?: string;
  status?: "active" | "pending" | "unsubscribed" | "bounced" | "complained";
  tags?: string[];
  locale?: string;
  country?: string | null;
  firstName?: (i: number) => string | null;
};

/** Inserts subscribers in one transaction; returns their ids and addresses in id order. */
export async function seed(t: TestApp, spec: SeedSpec) {
  const prefix = spec.prefix ?? "sub_a";
  const rows = await Promise.all(
    Array.from({ length: spec.count }, async (_, i) => {
      const id = `${prefix}${String(i).padStart(6, "0")}`;
      const email = `${id}@example.org`;
      return {
        id,
        email,
        hash: await hashEmail(email),
        firstName: spec.firstName ? spec.firstName(i) : `Reader${i}`,
      };
    }),
  );
  const insert = t.sqlite.prepare(
    "insert into subscribers (id, email, email_hash, first_name, status, locale, country, source, tags) values (?, ?, ?, ?, ?, ?, ?, 'test', ?)",
  );
  t.sqlite.transaction(() => {
    for (const r of rows) {
      insert.run(
        r.id,
        r.email,
        r.hash,
        r.firstName,
        spec.status ?? "active",
        spec.locale ?? "en",
        spec.country === undefined ? "US" : spec.country,
        JSON.stringify(spec.tags ?? []),
      );
    }
  })();
  return rows.map((r) => ({ id: r.id, email: r.email }));
}

export async function suppress(
  t: TestApp,
  email: string,
  reason: "bounced" | "complained" | "manual" = "complained",
) {
  await suppressRow(t.db, email, reason);
}

export type BatchCall = { idempotencyKey: string; to: string[] };

/**
 * Wraps the app's mailer (the real one: send gate + outbox transport). `afterBatch(n)` runs after the n-th
 * successful batch call (1-based), which is "between two pages" of a broadcast.
 */
export function instrumentMailer(
  t: TestApp,
  afterBatch: (n: number, messages: OutgoingEmail[]) => Promise<void> = async () => {},
) {
  const real: Mailer = t.deps.mailer;
  const calls: BatchCall[] = [];
  t.deps.mailer = {
    transport: real.transport,
    send: (message) => real.send(message),
    async sendBatch(messages, options) {
      const result = await real.sendBatch(messages, options);
      calls.push({ idempotencyKey: options.idempotencyKey, to: messages.map((m) => m.to) });
      await afterBatch(calls.length, messages);
      return result;
    },
  };
  return calls;
}

export const REVIEWER = { email: "dana.okafor@hopemark.test", name: "Dana Okafor", title: "Medical editor" };

const reviewers = new WeakMap<TestApp, string>();

/** The test team's reviewer account (role reviewer, with a clinical title), made once per app. */
export async function reviewerAccount(t: TestApp): Promise<string> {
  const known = reviewers.get(t);
  if (known) return known;
  const created = await createAccount(t.db, { ...REVIEWER, role: "reviewer" }, t.deps.now());
  if (!created.ok) throw new Error(`reviewer: ${created.message}`);
  const titled = await setAccountTitle(t.db, created.account.id, REVIEWER.title, t.deps.now());
  if (!titled.ok) throw new Error(`reviewer title: ${titled.message}`);
  reviewers.set(t, created.account.id);
  return created.account.id;
}

/** Clinical review through the admin API: submitted, then approved by the team's reviewer. */
export async function approve(t: TestApp, id: string) {
  await reviewerAccount(t);
  const submitted = await admin(t, "POST", `/api/admin/campaigns/${id}/submit`);
  if (submitted.status !== 200)
    throw new Error(`submit failed: ${submitted.status} ${await submitted.text()}`);
  const approved = await admin(t, "POST", `/api/admin/campaigns/${id}/approve`, { reviewer: REVIEWER.email });
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${await approved.text()}`);
}

/**
 * Creates a campaign through the API. Only an approved campaign can be sent, so by default a reviewer approves
 * it straight away, as the team would before sending; `{ approve: false }` leaves it an unreviewed draft.
 */
export async function createCampaign(
  t: TestApp,
  body: Record<string, unknown> = { templateId: "questions-for-your-clinician" },
  options: { approve?: boolean } = {},
): Promise<string> {
  const res = await admin(t, "POST", "/api/admin/campaigns", body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const id = ((await res.json()) as { campaign: { id: string } }).campaign.id;
  if (options.approve !== false) await approve(t, id);
  return id;
}

export async function createAndSend(
  t: TestApp,
  audience: CampaignAudience = {},
  send: Record<string, unknown> = {},
) {
  const id = await createCampaign(t, { templateId: "questions-for-your-clinician", audience });
  const res = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, send);
  if (res.status !== 202) throw new Error(`send failed: ${res.status} ${await res.text()}`);
  return id;
}

export const fast: Partial<RunOptions> = { minPageMs: 0 };

type StepMock = { id: string; handler: () => unknown };

/** Runs broadcast-campaign for the event the send endpoint dispatched (fresh engine and steps each time). */
export async function runBroadcast(
  t: TestApp,
  data: { campaignId: string; requestId?: string },
  options: { overrides?: Partial<RunOptions>; steps?: StepMock[] } = {},
) {
  const fn = createBroadcastCampaign(t.deps, { ...fast, ...options.overrides });
  const engine = new InngestTestEngine({
    function: fn,
    events: [{ name: "newsletter/campaign.send-requested", data: { requestId: "send", ...data } }],
    steps: [...(options.steps ?? [])],
  });
  return engine.execute();
}

export async function runChunk(
  t: TestApp,
  data: { campaignId: string; requestId: string; afterId: string; chunk: number },
  options: { overrides?: Partial<RunOptions>; steps?: StepMock[] } = {},
) {
  const fn = createBroadcastChunk(t.deps, { ...fast, ...options.overrides });
  const engine = new InngestTestEngine({
    function: fn,
    events: [{ name: "newsletter/campaign.chunk-requested", data }],
    steps: [...(options.steps ?? [])],
  });
  return engine.execute();
}

export async function campaignRow(t: TestApp, id: string) {
  const [row] = await t.db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw new Error(`no campaign ${id}`);
  return row;
}

/** Recipients of campaign messages in the outbox (the dev/test transport), in send order. */
export async function outboxRecipients(t: TestApp, campaignId: string) {
  const rows = await t.db.select().from(outbox).orderBy(asc(outbox.createdAt));
  return rows.filter((r) => r.idempotencyKey.startsWith(`${campaignId}:`)).map((r) => r.to);
}

export async function campaignSends(t: TestApp, campaignId: string) {
  return t.db.select().from(sends).where(eq(sends.campaignId, campaignId));
}

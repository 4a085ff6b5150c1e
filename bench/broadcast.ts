// npm run bench:broadcast — a 100,000-recipient campaign end to end, measured.
//
// The parent process seeds 100,000 active subscribers (mixed locales, countries and first names, some needing
// HTML escaping) into a temporary SQLite file, creates the campaign through the same code as the admin API, and
// starts a stub of Resend's batch endpoint in its own process. Each measured phase then runs in a fresh child
// process, so its peak RSS is its own:
//   broadcast  the real broadcast-campaign and broadcast-chunk handlers, driven step by step like Inngest runs
//              them (see drive()), with the real Resend SDK and transport, send gate and sends rows; pacing off,
//              so the wall time excludes the provider rate limit (reported separately).
//   naive      the same page reads and provider calls, but a full React Email render per recipient, on a sample,
//              scaled up.
//   zones      (issue 14) the same broadcast, on a second database of 100,000 subscribers spread over 24 time
//              zones (one per whole-hour offset), sent "at 9:00 in each reader's time zone": the plan step, a sleep
//              per slot (returning at once here) and every slot's pages read from the zone index.
// Targets (issue 5): <= 1,000 provider calls, <= 1,200 Inngest steps, >= 20,000 emails prepared per second,
// peak RSS < 256 MB. The 24-zone run keeps the last three; its provider calls cannot reach 1,000 exactly,
// because a batch never mixes zones, so each zone's group may end in one part-filled batch: its bound is
// 1,000 + 23 (one per zone after the first). Exits 1 when a target is missed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { buildDeps } from "../src/build-deps.ts";
import { PAGE_SIZE, type Recipient, readEligiblePage } from "../src/campaigns/audience.ts";
import type { PageResult } from "../src/campaigns/broadcast.ts";
import { campaignBaseProps } from "../src/campaigns/build-emails.ts";
import { createCampaign } from "../src/campaigns/create.ts";
import { sanitiseFirstName } from "../src/campaigns/personalise.ts";
import { type Config, loadConfig } from "../src/config.ts";
import { loadContentFromDisk } from "../src/content/node.ts";
import { atomic } from "../src/db/client.ts";
import { openNodeDb } from "../src/db/node.ts";
import { campaigns, sends } from "../src/db/schema.ts";
import { emailContext } from "../src/emails/context.ts";
import { renderEmail, unsubscribeHeaders } from "../src/emails/render.ts";
import { createBroadcastCampaign } from "../src/functions/broadcast-campaign.ts";
import { createBroadcastChunk } from "../src/functions/broadcast-chunk.ts";
import type { RunOutcome } from "../src/functions/broadcast-run.ts";
import { createInngestClient } from "../src/inngest/client.ts";
import { hashEmail } from "../src/lib/email-address.ts";
import { randomId } from "../src/lib/ids.ts";
import { createLogger } from "../src/lib/log.ts";
import { unsubscribeUrls } from "../src/lib/tokens.ts";
import { createResendTransport } from "../src/mail/resend-transport.ts";
import type { OutgoingEmail } from "../src/mail/types.ts";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 2_000);
const RATE = 5;
const SELF = fileURLToPath(import.meta.url);
const STUB = fileURLToPath(new URL("../test-support/resend-stub.ts", import.meta.url));

type PhaseResult = {
  recipients: number;
  providerCalls: number;
  steps: number;
  runs: number;
  /** Page reads + render + personalise + token signing, summed over pages (ms). */
  prepareMs: number;
  providerMs: number;
  recordMs: number;
  wallMs: number;
  peakRssMb: number;
  /** Live heap after a full GC before the first page and after the last one: flat means nothing accumulates. */
  liveHeapMb: [number, number];
};

function benchConfig(stubUrl: string): Config {
  return loadConfig({
    NODE_ENV: "test",
    APP_URL: "https://newsletter.hopemark.example",
    TOKEN_SECRET: "bench-token-secret-0123456789abcdef0123456789",
    ADMIN_TOKEN: "bench-admin-token-0123456789abcdef",
    POSTAL_ADDRESS: "Hopemark Health, 100 Example Street, Suite 1, Springfield, ST 00000, USA",
    EMAIL_FROM: "Hopemark Health <newsletter@hopemark.example>",
    MAIL_TRANSPORT: "resend",
    RESEND_API_KEY: "re_bench_key",
    RESEND_BASE_URL: stubUrl,
    INNGEST_DEV: "1",
  });
}

function appDeps(dbPath: string, stubUrl: string) {
  const config = benchConfig(stubUrl);
  const { db, sqlite, close } = openNodeDb(dbPath);
  // The broadcast never sends events through the client (step.sendEvent is mocked); nothing leaves the machine.
  const offline = (async () => Response.json({ ids: [], status: 200 })) as typeof fetch;
  const deps = buildDeps({
    config,
    db,
    content: loadContentFromDisk(),
    logger: createLogger("warn"),
    inngest: createInngestClient(config, { fetch: offline }),
    transport: createResendTransport({
      apiKey: "re_bench_key",
      baseUrl: stubUrl,
      from: config.mail.from,
    }),
  });
  return { deps, sqlite, close };
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
}

// ---------------------------------------------------------------------------------------------- seeding (parent)

const LOCALES = ["en", "en", "en-US", "en-GB", "es", "en-CA"];
const COUNTRIES = ["US", "US", "US", "CA", "GB", "IE", "AU", "DE", null];
const NAMES = ["Sam", "Zoë O'Brien", "Ana & Bo", 'Jo "JJ"', "Émile", "Priya", "Kwame", "Li", "<Mx> Lee"];

/** One zone per whole-hour offset from UTC-11 to UTC+12 in December (DST included), for the zones run. */
export const BENCH_ZONES = [
  "Pacific/Pago_Pago",
  "Pacific/Honolulu",
  "America/Anchorage",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Halifax",
  "America/Argentina/Buenos_Aires",
  "Atlantic/South_Georgia",
  "Atlantic/Azores",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Athens",
  "Europe/Moscow",
  "Asia/Dubai",
  "Asia/Karachi",
  "Asia/Dhaka",
  "Asia/Bangkok",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Brisbane",
  "Pacific/Noumea",
  "Pacific/Fiji",
];

async function seed(dbPath: string, stubUrl: string, options: { zones?: readonly string[] } = {}) {
  const { deps, sqlite, close } = appDeps(dbPath, stubUrl);
  const rows = await Promise.all(
    Array.from({ length: RECIPIENTS }, async (_, i) => {
      const email = `reader${i}@bench.example`;
      return {
        id: randomId("sub"),
        email,
        hash: await hashEmail(email),
        firstName: i % 5 === 0 ? null : `${NAMES[i % NAMES.length]}`,
        locale: LOCALES[i % LOCALES.length] as string,
        country: COUNTRIES[i % COUNTRIES.length] ?? null,
      };
    }),
  );
  const insert = sqlite.prepare(
    "insert into subscribers (id, email, email_hash, first_name, status, locale, country, source, tags, confirmed_at, time_zone) values (?, ?, ?, ?, 'active', ?, ?, 'bench', '[\"news\"]', ?, ?)",
  );
  const now = Date.now();
  const zones = options.zones;
  sqlite.transaction(() => {
    rows.forEach((r, i) => {
      insert.run(
        r.id,
        r.email,
        r.hash,
        r.firstName,
        r.locale,
        r.country,
        now,
        zones ? zones[i % zones.length] : null,
      );
    });
  })();
  const make = async () => {
    const created = await createCampaign(deps, {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["news"] },
    });
    if (!created.ok) throw new Error(`campaign not created: ${created.message}`);
    // As POST /send leaves it (that route also queues the event, which this driver delivers itself).
    await deps.db.update(campaigns).set({ status: "sending" }).where(eq(campaigns.id, created.campaign.id));
    return created.campaign.id;
  };
  if (zones) {
    // As POST /send with localTime "09:00" leaves it.
    const id = await make();
    await deps.db.update(campaigns).set({ localSendTime: "09:00" }).where(eq(campaigns.id, id));
    close();
    return { broadcast: id, naive: id };
  }
  const ids = { broadcast: await make(), naive: await make() };
  close();
  return ids;
}

// ------------------------------------------------------------------------------------ broadcast phase (child)

type Handler = (ctx: {
  event: { name: string; data: Record<string, unknown> };
  step: Record<string, (...args: never[]) => unknown>;
}) => Promise<unknown>;

/**
 * Runs a function's real handler the way Inngest executes it, minus the HTTP round trips: every step.run body runs
 * once and its result goes through JSON like Inngest's step state; step.sendEvent is captured (the hand-over to
 * the next run); step.sleepUntil returns at once. Each call is one Inngest step. (@inngest/test replays the
 * handler once per step and keeps every replay's spies, O(steps^2) per run, which would swamp the figures.)
 */
async function drive(fn: object, event: { name: string; data: Record<string, unknown> }) {
  const handler = (fn as unknown as { fn: Handler }).fn;
  let steps = 0;
  const pages: PageResult[] = [];
  const sent: { name: string; data: Record<string, unknown> }[] = [];
  const step = {
    run: async (_id: string, work: () => Promise<unknown>) => {
      steps++;
      const value = JSON.parse(JSON.stringify((await work()) ?? null)) as unknown;
      if (value && typeof value === "object" && "ms" in value) pages.push(value as PageResult);
      return value;
    },
    sendEvent: async (_id: string, payload: { name: string; data: Record<string, unknown> }) => {
      steps++;
      sent.push(payload);
      return { ids: [] };
    },
    sleepUntil: async () => {
      steps++;
    },
  };
  const result = (await handler({ event, step })) as RunOutcome;
  return { result, steps, pages, sent };
}

async function broadcastPhase(dbPath: string, stubUrl: string, campaignId: string): Promise<PhaseResult> {
  const { deps, close } = appDeps(dbPath, stubUrl);
  // Pacing off: the wall time excludes the provider's rate limit, which is reported separately.
  const overrides = { minPageMs: 0 };
  const parent = createBroadcastCampaign(deps, overrides);
  const chunk = createBroadcastChunk(deps, overrides);

  const totals = { steps: 0, runs: 0, calls: 0, sent: 0, prepareMs: 0, providerMs: 0, recordMs: 0 };
  const heapBefore = liveHeapMb();
  const started = performance.now();
  let event: { name: string; data: Record<string, unknown> } = {
    name: "newsletter/campaign.send-requested",
    data: { campaignId, requestId: "send" },
  };
  for (;;) {
    const run = await drive(event.name === "newsletter/campaign.send-requested" ? parent : chunk, event);
    totals.runs++;
    totals.steps += run.steps;
    for (const page of run.pages) {
      totals.prepareMs += page.ms.read + page.ms.prepare;
      totals.providerMs += page.ms.provider;
      totals.recordMs += page.ms.record;
      if (page.sent > 0) totals.calls++;
      totals.sent += page.sent;
    }
    if (process.env.BENCH_TRACE) {
      (globalThis as { gc?: () => void }).gc?.();
      const u = process.memoryUsage();
      console.error(
        `run ${totals.runs}: ${run.steps} steps, rss ${(u.rss / 1e6) | 0} MB, heap total ${(u.heapTotal / 1e6) | 0} used ${(u.heapUsed / 1e6) | 0} MB, external ${(u.external / 1e6) | 0} MB, arrayBuffers ${(u.arrayBuffers / 1e6) | 0} MB, maxRSS ${peakRssMb()}`,
      );
    }
    if (run.result.outcome !== "continued") {
      if (run.result.outcome !== "finished")
        throw new Error(`broadcast stopped: ${JSON.stringify(run.result)}`);
      break;
    }
    const handOver = run.sent.at(-1);
    if (!handOver) throw new Error("continued without a hand-over event");
    event = handOver;
  }
  const wallMs = performance.now() - started;
  const heapAfter = liveHeapMb();
  const [row] = await deps.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (row?.status !== "sent" || row.sentCount !== RECIPIENTS) {
    throw new Error(`campaign ended ${row?.status} with ${row?.sentCount} sent`);
  }
  close();
  return {
    recipients: totals.sent,
    providerCalls: totals.calls,
    steps: totals.steps,
    runs: totals.runs,
    prepareMs: totals.prepareMs,
    providerMs: totals.providerMs,
    recordMs: totals.recordMs,
    wallMs,
    peakRssMb: peakRssMb(),
    liveHeapMb: [heapBefore, heapAfter],
  };
}

// ---------------------------------------------------------------------------------------- naive phase (child)

async function naivePhase(dbPath: string, stubUrl: string, campaignId: string): Promise<PhaseResult> {
  const { deps, close } = appDeps(dbPath, stubUrl);
  const [campaign] = await deps.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new Error("no campaign");
  const base = campaignBaseProps(deps.content, campaign);
  const { appUrl, tokenSecret } = deps.config;
  const totals = { calls: 0, sent: 0, prepareMs: 0, providerMs: 0, recordMs: 0 };
  const heapBefore = liveHeapMb();
  const started = performance.now();
  let afterId: string | null = null;
  while (totals.sent < NAIVE_SAMPLE) {
    let mark = performance.now();
    const page: Recipient[] = await readEligiblePage(deps.db, {
      campaignId,
      audience: campaign.audience,
      afterId,
      limit: PAGE_SIZE,
      preferences: { topics: deps.content.topics, now: deps.now() },
    });
    const first = page[0];
    if (!first) break;
    const messages: OutgoingEmail[] = [];
    for (const r of page) {
      const {
        pageUrl,
        oneClickUrl: oneClick,
        preferencesUrl,
      } = await unsubscribeUrls(appUrl, tokenSecret, r.id);
      const email = await renderEmail("campaign", {
        ...base,
        ctx: emailContext(deps, r),
        firstName: sanitiseFirstName(r.firstName),
        unsubscribeUrl: pageUrl,
        preferencesUrl,
      });
      messages.push({
        to: r.email,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: unsubscribeHeaders(oneClick),
        tags: [{ name: "campaign", value: campaignId }],
        idempotencyKey: `${campaignId}:${r.id}`,
        templateId: "campaign",
        kind: "marketing",
        advertising: true,
      });
    }
    totals.prepareMs += performance.now() - mark;
    mark = performance.now();
    await deps.mailer.sendBatch(messages, { idempotencyKey: `${campaignId}:${first.id}` });
    totals.providerMs += performance.now() - mark;
    mark = performance.now();
    await atomic(
      deps.db,
      page.map((r) =>
        deps.db.insert(sends).values({
          id: randomId("snd"),
          idempotencyKey: `${campaignId}:${r.id}`,
          kind: "campaign",
          templateId: "campaign",
          campaignId,
          subscriberId: r.id,
          status: "sent",
        }),
      ),
    );
    totals.recordMs += performance.now() - mark;
    totals.calls++;
    totals.sent += page.length;
    afterId = page[page.length - 1]?.id ?? afterId;
  }
  const wallMs = performance.now() - started;
  const heapAfter = liveHeapMb();
  close();
  return {
    recipients: totals.sent,
    providerCalls: totals.calls,
    steps: 0,
    runs: 0,
    prepareMs: totals.prepareMs,
    providerMs: totals.providerMs,
    recordMs: totals.recordMs,
    wallMs,
    peakRssMb: peakRssMb(),
    liveHeapMb: [heapBefore, heapAfter],
  };
}

// ------------------------------------------------------------------------------------------------- plumbing

/**
 * V8 flags for the measured processes. On this 24 GB machine V8 would otherwise size the young generation at up
 * to 64 MB a semi-space and let old space grow towards 4 GB before collecting, so RSS reflects how lazily V8
 * collects, not what the broadcast keeps (its live heap stays flat at about 50 MB, printed below). A bounded heap
 * is also what production gives a worker (a Cloudflare Worker isolate has 128 MB).
 */
const MEASURED_V8_FLAGS = ["--max-old-space-size=96", "--max-semi-space-size=4"];

function runChild(args: string[]): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...MEASURED_V8_FLAGS, "--expose-gc", ...process.execArgv, SELF, ...args],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: process.env,
      },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`${args[0]} phase exited with ${code}`));
      else resolve(JSON.parse(line) as PhaseResult);
    });
  });
}

function startStubProcess(): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    // stdin stays open as a lifeline: the stub exits when this process does, however it ends.
    const child = spawn(process.execPath, [...process.execArgv, STUB], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.stdout.once("data", (c: Buffer) =>
      resolve({ url: c.toString("utf8").trim(), stop: () => child.kill() }),
    );
    child.once("exit", (code) => reject(new Error(`stub exited with ${code}`)));
  });
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const [phase, dbPath, stubUrl, campaignId] = process.argv.slice(2);
  if (phase === "broadcast" || phase === "naive") {
    const run = phase === "broadcast" ? broadcastPhase : naivePhase;
    const result = await run(dbPath ?? "", stubUrl ?? "", campaignId ?? "");
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  if (process.env.NODE_ENV !== "production")
    console.warn("note: run through `npm run bench:broadcast` (NODE_ENV=production)");
  const dir = mkdtempSync(join(tmpdir(), "hopemark-bench-"));
  const db = join(dir, "bench.sqlite");
  const stub = await startStubProcess();
  try {
    console.info(`seeding ${fmt(RECIPIENTS)} subscribers into ${db} ...`);
    const seedStarted = performance.now();
    const ids = await seed(db, stub.url);
    console.info(`seeded in ${fmt((performance.now() - seedStarted) / 1000, 1)} s; broadcasting ...`);
    const batched = await runChild(["broadcast", db, stub.url, ids.broadcast]);
    console.info(`naive per-recipient render on ${fmt(NAIVE_SAMPLE)} recipients ...`);
    const naive = await runChild(["naive", db, stub.url, ids.naive]);
    const zonedDb = join(dir, "bench-zones.sqlite");
    console.info(
      `seeding ${fmt(RECIPIENTS)} subscribers over ${BENCH_ZONES.length} time zones into ${zonedDb} ...`,
    );
    const zonedIds = await seed(zonedDb, stub.url, { zones: BENCH_ZONES });
    console.info("broadcasting at 9:00 in each reader's time zone ...");
    const zoned = await runChild(["broadcast", zonedDb, stub.url, zonedIds.broadcast]);
    report(batched, naive, zoned);
  } finally {
    stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(b: PhaseResult, n: PhaseResult, z: PhaseResult) {
  const preparedPerSec = (r: PhaseResult) => r.recipients / (r.prepareMs / 1000);
  const scale = RECIPIENTS / n.recipients;
  const rows: [string, string, string][] = [
    ["recipients", fmt(b.recipients), `${fmt(n.recipients)} (sample; x${fmt(scale)} below)`],
    ["provider calls (batch of <= 100)", fmt(b.providerCalls), fmt(n.providerCalls * scale)],
    ["Inngest steps / runs", `${fmt(b.steps)} / ${fmt(b.runs)}`, "(same pages; not run under Inngest)"],
    ["emails prepared per second", fmt(preparedPerSec(b)), fmt(preparedPerSec(n))],
    [
      "  prepare time (reads+render+personalise+sign)",
      `${fmt(b.prepareMs / 1000, 2)} s`,
      `${fmt((n.prepareMs * scale) / 1000, 1)} s`,
    ],
    [
      "  provider calls to the local stub",
      `${fmt(b.providerMs / 1000, 2)} s`,
      `${fmt((n.providerMs * scale) / 1000, 1)} s`,
    ],
    ["  sends rows and counts", `${fmt(b.recordMs / 1000, 2)} s`, `${fmt((n.recordMs * scale) / 1000, 1)} s`],
    [
      "wall time, excluding the provider rate limit",
      `${fmt(b.wallMs / 1000, 1)} s`,
      `${fmt((n.wallMs * scale) / 1000, 1)} s`,
    ],
    ["peak RSS (own process)", `${fmt(b.peakRssMb)} MB`, `${fmt(n.peakRssMb)} MB`],
    [
      "live heap after GC, before -> after",
      `${b.liveHeapMb[0]} -> ${b.liveHeapMb[1]} MB`,
      `${n.liveHeapMb[0]} -> ${n.liveHeapMb[1]} MB`,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length), "batched".length);
  console.info(`\n${"".padEnd(w0)}  ${"batched".padStart(w1)}  naive (React Email per recipient)`);
  for (const [label, a, c] of rows) console.info(`${label.padEnd(w0)}  ${a.padStart(w1)}  ${c}`);
  console.info(`\nmeasured processes run with: node ${MEASURED_V8_FLAGS.join(" ")} (see MEASURED_V8_FLAGS)`);
  console.info(
    `At Resend's default ${RATE} batch calls/s the provider limit alone takes ${fmt(b.providerCalls / RATE)} s ` +
      `(${fmt(b.providerCalls / RATE / 60, 1)} min) for ${fmt(b.recipients)} recipients; preparing them takes ` +
      `${fmt(b.prepareMs / 1000, 1)} s. Naive rendering is ${fmt(preparedPerSec(b) / preparedPerSec(n), 1)}x slower to prepare.`,
  );
  const targets: [string, boolean][] = [
    [`provider calls ${fmt(b.providerCalls)} <= 1,000`, b.providerCalls <= 1000],
    [`Inngest steps ${fmt(b.steps)} <= 1,200`, b.steps <= 1200],
    [`prepared ${fmt(preparedPerSec(b))}/s >= 20,000`, preparedPerSec(b) >= 20_000],
    [`peak RSS ${fmt(b.peakRssMb)} MB < 256 MB`, b.peakRssMb < 256],
  ];
  const zoneCallBound = 1000 + BENCH_ZONES.length - 1;
  console.info(
    `\n9:00 in each reader's time zone, ${fmt(z.recipients)} recipients over ${BENCH_ZONES.length} zones:\n` +
      `  provider calls ${fmt(z.providerCalls)}, Inngest steps / runs ${fmt(z.steps)} / ${fmt(z.runs)}, ` +
      `prepared ${fmt(preparedPerSec(z))}/s (prepare ${fmt(z.prepareMs / 1000, 2)} s), ` +
      `wall ${fmt(z.wallMs / 1000, 1)} s, peak RSS ${fmt(z.peakRssMb)} MB, live heap ${z.liveHeapMb[0]} -> ${z.liveHeapMb[1]} MB`,
  );
  targets.push(
    [
      `24 zones: provider calls ${fmt(z.providerCalls)} <= ${fmt(zoneCallBound)} (one part-filled batch per zone at most)`,
      z.providerCalls <= zoneCallBound,
    ],
    [`24 zones: Inngest steps ${fmt(z.steps)} <= 1,200`, z.steps <= 1200],
    [`24 zones: prepared ${fmt(preparedPerSec(z))}/s >= 20,000`, preparedPerSec(z) >= 20_000],
    [`24 zones: peak RSS ${fmt(z.peakRssMb)} MB < 256 MB`, z.peakRssMb < 256],
  );
  console.info("\ntargets:");
  for (const [label, ok] of targets) console.info(`  ${ok ? "PASS" : "FAIL"}  ${label}`);
  if (targets.some(([, ok]) => !ok)) process.exitCode = 1;
}

await main();

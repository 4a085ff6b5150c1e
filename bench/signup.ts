// npm run bench:signup — the signup path under a traffic spike, measured against the real server.
//
// The server is started the way production starts it (`npm run build` when the package has one, then
// `npm start`, NODE_ENV=production with every required secret) as a child process on a temporary SQLite file.
// Next to it, in the same run: a bare Hono route on @hono/node-server in its own process (bench/signup/bare-
// server.ts) as the yardstick, a local Resend stub, and a local Inngest stand-in (bench/signup/event-api.ts).
// Two passes:
//   fast     the event API answers at once and runs nothing: the cost of taking a signup.
//   confirm  the stand-in also calls back into the app's /api/inngest to run send-confirmation for every signup,
//            so confirmations are rendered and sent by the process taking the signups (as on one Node server);
//            reports how long the confirmation backlog takes to drain after the burst.
// autocannon drives POST /api/subscribe (JSON and form), GET / and the one-click unsubscribe POST at 10 and 100
// connections, loopback only, each run bounded by a request count and a time cap. Every signup has its own
// address and its own client IP (X-Forwarded-For / CF-Connecting-IP, TRUST_PROXY=1), so the per-IP limit does
// not answer 429. Then the database is checked: every accepted signup has exactly one subscriber, one consent
// and one pending event (sent to the event API), and, in the confirm pass, exactly one confirmation delivered.
//
// Options: --app-dir DIR benchmarks another checkout (e.g. a `git worktree` of an older commit with
// node_modules hard-linked), --quick runs fewer requests. Exits 1 when a signup was lost or duplicated or any
// answer was a 5xx; the speed targets of issue 16 are printed as met or missed (the machine is shared, so
// compare runs made back to back).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { signToken } from "../src/lib/tokens.ts";
import { type EventApi, startEventApi } from "./signup/event-api.ts";
import { startResendStub } from "./signup/resend-stub.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: { "app-dir": { type: "string" }, quick: { type: "boolean", default: false } },
});
const APP_DIR = resolve(args["app-dir"] ?? REPO);
const SCALE = args.quick ? 0.25 : 1;
/** Requests per run at 10 and at 100 connections; each run also stops after RUN_CAP_MS. */
const AMOUNT = { 10: Math.round(1000 * SCALE), 100: Math.round(2000 * SCALE) } as const;
const RUN_CAP_MS = 30_000;
const DRAIN_CAP_MS = 120_000;
const CONNECTIONS = [10, 100] as const;
const EXECUTOR_CONCURRENCY = 10;

const EVENT_KEY = "bench-event-key";
const SIGNING_KEY = `signkey-prod-${randomBytes(32).toString("hex")}`;
const TOKEN_SECRET = randomBytes(32).toString("hex");
const APP_ID = "hopemark-newsletter";

type Mode = "fast" | "confirm";
type Row = {
  mode: Mode | "bare";
  what: string;
  connections: number;
  rps: number;
  /** CPU time of the server's process group per request, ms. */
  cpuMsPerRequest: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
};

/**
 * CPU time (ms) used so far by every process in a process group (Linux /proc; 0 elsewhere). The machine may be
 * shared, so wall-clock figures swing with other load; CPU per request does much less.
 */
function groupCpuMs(pgid: number | undefined): number {
  if (pgid === undefined) return 0;
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

/** Stops a child started with `detached: true` (npm, its shell and node share one process group). */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

function serverEnv(port: number, databasePath: string, eventApi: EventApi, resendUrl: string) {
  const { INNGEST_DEV: _dev, ...inherited } = process.env;
  return {
    ...inherited,
    // e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server alone.
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: "https://newsletter.bench.invalid",
    DATABASE_PATH: databasePath,
    TOKEN_SECRET,
    ADMIN_TOKEN: randomBytes(24).toString("hex"),
    RESEND_API_KEY: "re_bench_key",
    EMAIL_FROM: "Hopemark Health <newsletter@hopemark-bench.org>",
    REPLIES_ADDRESS: "replies@hopemark-bench.org",
    REPLIES_FORWARD_TO: "team@hopemark-bench.org",
    RESEND_BASE_URL: resendUrl,
    RESEND_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
    POSTAL_ADDRESS: "Hopemark Health, 1 Bench Street, Springfield, IL 62701, USA",
    INNGEST_BASE_URL: eventApi.url,
    INNGEST_EVENT_KEY: EVENT_KEY,
    INNGEST_SIGNING_KEY: SIGNING_KEY,
    TRUST_PROXY: "1",
  };
}

function startAppServer(env: NodeJS.ProcessEnv, logPath: string): ChildProcess {
  const log = openSync(logPath, "a");
  const child = spawn("npm", ["start", "--silent"], {
    cwd: APP_DIR,
    env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  return child;
}

/** A distinct client address per request, from 10.0.0.0/8, so the per-IP limit never sees a repeat. */
let ipCounter = 0;
function nextIp(): string {
  const n = ++ipCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

type Target = {
  method: "GET" | "POST";
  path: string;
  /** Per-request headers and body; `key` identifies the request in `onStatus`. */
  next?: () => { key: string; headers: Record<string, string>; body?: string; path?: string };
};

async function load(
  url: string,
  pgid: number | undefined,
  target: Target,
  connections: number,
  amount: number,
  onStatus?: (key: string, status: number) => void,
) {
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((res, rej) => {
    finish = res;
    fail = rej;
  });
  // Timed from the first request sent to the last answer: autocannon's own duration is in whole seconds and
  // includes its start-up and a final reporting tick, too coarse for runs of a few seconds.
  let first = 0;
  let last = 0;
  const cpuBefore = groupCpuMs(pgid);
  const instance = autocannon(
    {
      url,
      connections,
      amount,
      timeout: 10,
      requests: [
        {
          method: target.method,
          path: target.path,
          setupRequest: (request, context) => {
            if (first === 0) first = performance.now();
            if (!target.next) return request;
            const r = target.next();
            (context as { key?: string }).key = r.key;
            return {
              ...request,
              ...(r.path ? { path: r.path } : {}),
              headers: { ...request.headers, ...r.headers },
              ...(r.body !== undefined ? { body: r.body } : {}),
            };
          },
          onResponse: (status, _body, context) => {
            last = performance.now();
            onStatus?.((context as { key?: string }).key ?? "", status);
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  const cap = setTimeout(() => instance.stop(), RUN_CAP_MS);
  const result = await done;
  const seconds = Math.max(last - first, 1) / 1000;
  const cpuMs = groupCpuMs(pgid) - cpuBefore;
  clearTimeout(cap);
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {}))
    statuses[code] = Number(count ?? 0);
  return {
    rps: result.requests.total / seconds,
    cpuMsPerRequest: pgid === undefined ? Number.NaN : cpuMs / Math.max(result.requests.total, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

function signupTarget(kind: "json" | "form", mode: Mode, label: string): Target {
  let n = 0;
  return {
    method: "POST",
    path: "/api/subscribe",
    next: () => {
      const email = `reader-${mode}-${kind}-${label}-${++n}@readers.hopemark-bench.org`;
      const ip = nextIp();
      const headers = {
        "content-type": kind === "json" ? "application/json" : "application/x-www-form-urlencoded",
        "x-forwarded-for": ip,
        "cf-connecting-ip": ip,
        "user-agent": "bench-signup/1",
      };
      const body =
        kind === "json"
          ? JSON.stringify({ email, firstName: "Sam", consent: true, source: "embed" })
          : new URLSearchParams({ email, firstName: "Sam", consent: "yes", source: "embed" }).toString();
      return { key: email, headers, body };
    },
  };
}

type Integrity = {
  accepted: number;
  lost: number;
  duplicated: number;
  badConsent: number;
  badEvent: number;
  undispatched: number;
  writtenWithoutAnswer: number;
  confirmationsMissing?: number;
  confirmationsDuplicated?: number;
};

function checkRows(
  databasePath: string,
  accepted: Set<string>,
  eventApi: EventApi,
  delivered?: Map<string, Set<string>>,
): Integrity {
  const db = new Database(databasePath, { readonly: true });
  try {
    const idsByEmail = new Map<string, string[]>();
    for (const row of db.prepare("select id, email from subscribers").all() as {
      id: string;
      email: string;
    }[]) {
      idsByEmail.set(row.email, [...(idsByEmail.get(row.email) ?? []), row.id]);
    }
    const consents = new Map(
      (
        db
          .prepare(
            "select subscriber_id as id, count(*) as n from consents where action = 'given' group by subscriber_id",
          )
          .all() as { id: string; n: number }[]
      ).map((r) => [r.id, r.n]),
    );
    const events = new Map(
      (
        db.prepare("select id, sent_at from pending_events where id like 'created:%'").all() as {
          id: string;
          sent_at: number | null;
        }[]
      ).map((r) => [r.id, r.sent_at]),
    );
    const out: Integrity = {
      accepted: accepted.size,
      lost: 0,
      duplicated: 0,
      badConsent: 0,
      badEvent: 0,
      undispatched: 0,
      writtenWithoutAnswer: 0,
      ...(delivered ? { confirmationsMissing: 0, confirmationsDuplicated: 0 } : {}),
    };
    for (const email of accepted) {
      const ids = idsByEmail.get(email) ?? [];
      if (ids.length === 0) out.lost++;
      if (ids.length > 1) out.duplicated++;
      const id = ids[0];
      if (!id) continue;
      if (consents.get(id) !== 1) out.badConsent++;
      const eventId = `created:${id}`;
      if (!events.has(eventId)) out.badEvent++;
      else if (events.get(eventId) === null || !eventApi.received.has(eventId)) out.undispatched++;
      if (delivered && out.confirmationsMissing !== undefined && out.confirmationsDuplicated !== undefined) {
        const n = delivered.get(email)?.size ?? 0;
        if (n === 0) out.confirmationsMissing++;
        if (n > 1) out.confirmationsDuplicated++;
      }
    }
    for (const email of idsByEmail.keys())
      if (email.includes("@readers.") && !accepted.has(email)) out.writtenWithoutAnswer++;
    return out;
  } finally {
    db.close();
  }
}

async function runMode(mode: Mode, tmp: string, rows: Row[]) {
  const eventApi = await startEventApi(EVENT_KEY);
  const resend = await startResendStub();
  const port = await freePort();
  const databasePath = join(tmp, `${mode}.sqlite`);
  const base = `http://127.0.0.1:${port}`;
  const child = startAppServer(serverEnv(port, databasePath, eventApi, resend.url), join(tmp, `${mode}.log`));
  const accepted = new Set<string>();
  let drainMs: number | undefined;
  try {
    await waitFor(`${base}/healthz`, child, "app server").catch((error) => {
      const log = readFileSync(join(tmp, `${mode}.log`), "utf8")
        .trim()
        .split("\n")
        .slice(-15)
        .join("\n");
      throw new Error(`${error.message}; its log ends:\n${log}`);
    });
    if (mode === "confirm") {
      eventApi.runConfirmations({
        url: `${base}/api/inngest`,
        appId: APP_ID,
        signingKey: SIGNING_KEY,
        concurrency: EXECUTOR_CONCURRENCY,
      });
    }
    const record = (key: string, status: number) => {
      if (status === 202 || status === 303) accepted.add(key);
    };
    // Warm-up (not reported): JIT, statement caches, the first confirmation renders.
    await load(base, child.pid, signupTarget("json", mode, "warm"), 10, Math.round(200 * SCALE), record);
    await load(base, child.pid, { method: "GET", path: "/" }, 10, Math.round(200 * SCALE));

    for (const kind of ["json", "form"] as const) {
      for (const c of CONNECTIONS) {
        const r = await load(base, child.pid, signupTarget(kind, mode, `c${c}`), c, AMOUNT[c], record);
        rows.push({ mode, what: `POST /api/subscribe (${kind})`, connections: c, ...r });
      }
    }
    if (mode === "confirm") {
      const burstEnd = Date.now();
      const drained = await eventApi.idle(DRAIN_CAP_MS);
      drainMs = drained ? Math.max(0, eventApi.runs.lastDoneAt - burstEnd) : Number.POSITIVE_INFINITY;
    }
    for (const c of CONNECTIONS) {
      const r = await load(base, child.pid, { method: "GET", path: "/" }, c, AMOUNT[c]);
      rows.push({ mode, what: "GET /", connections: c, ...r });
    }
    // One-click unsubscribes for subscribers created above, one each, with real signed tokens.
    const reader = new Database(databasePath, { readonly: true });
    const ids = (
      reader.prepare("select id from subscribers order by created_at").all() as { id: string }[]
    ).map((r) => r.id);
    reader.close();
    const tokens: string[] = [];
    for (const id of ids.slice(0, AMOUNT[10] + AMOUNT[100]))
      tokens.push(await signToken(TOKEN_SECRET, "unsubscribe", id));
    let t = 0;
    for (const c of CONNECTIONS) {
      const r = await load(
        base,
        child.pid,
        {
          method: "POST",
          path: "/api/unsubscribe",
          next: () => {
            const token = tokens[t++ % tokens.length] as string;
            return {
              key: token,
              path: `/api/unsubscribe?token=${token}`,
              headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": nextIp() },
              body: "List-Unsubscribe=One-Click",
            };
          },
        },
        c,
        Math.min(AMOUNT[c], tokens.length),
      );
      rows.push({ mode, what: "POST /api/unsubscribe (one-click)", connections: c, ...r });
    }
  } finally {
    await stop(child);
    await eventApi.close();
    await resend.close();
  }
  const integrity = checkRows(
    databasePath,
    accepted,
    eventApi,
    mode === "confirm" ? resend.delivered : undefined,
  );
  return { integrity, drainMs, runs: eventApi.runs, resendCalls: resend.stats.calls };
}

async function runBare(rows: Row[]) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO, "bench/signup/bare-server.ts")], {
    env: { ...process.env, PORT: String(port) },
    detached: true,
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/`, child, "bare server");
    await load(base, child.pid, signupTarget("json", "fast", "bare-warm"), 10, Math.round(200 * SCALE));
    for (const c of CONNECTIONS) {
      const r = await load(base, child.pid, signupTarget("json", "fast", `bare${c}`), c, AMOUNT[c]);
      rows.push({ mode: "bare", what: "bare Hono route (json, 202)", connections: c, ...r });
    }
  } finally {
    await stop(child);
  }
}

function fmt(n: number, digits = 0) {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function printTable(rows: Row[]) {
  const header = ["pass", "endpoint", "conns", "req/s", "p50 ms", "p99 ms", "server CPU ms/req", "answers"];
  const lines = rows.map((r) => [
    r.mode,
    r.what,
    String(r.connections),
    fmt(r.rps),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.cpuMsPerRequest, 2),
    [
      ...Object.entries(r.statuses).map(([code, n]) => `${code}×${n}`),
      ...(r.errors ? [`errors×${r.errors}`] : []),
    ].join(" "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.info(row(header));
  console.info(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.info(row(l));
}

async function main() {
  const pkg = JSON.parse(readFileSync(join(APP_DIR, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  console.info(`bench:signup against ${APP_DIR} (npm start = ${pkg.scripts?.start ?? "?"})`);
  if (pkg.scripts?.build) {
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: APP_DIR, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const tmp = mkdtempSync(join(tmpdir(), "bench-signup-"));
  const rows: Row[] = [];
  let failed = false;
  try {
    await runBare(rows);
    const results = { fast: await runMode("fast", tmp, rows), confirm: await runMode("confirm", tmp, rows) };
    console.info("");
    printTable(rows);
    console.info("");
    for (const [mode, r] of Object.entries(results)) {
      console.info(`${mode}: ${JSON.stringify(r.integrity)}`);
      if (mode === "confirm") {
        console.info(
          `confirm: send-confirmation runs ${r.runs.done} done, ${r.runs.failed} failed, ${r.runs.calls} calls to /api/inngest (${r.runs.serverErrors} 5xx); Resend calls ${r.resendCalls}; backlog drained ${r.drainMs === undefined || !Number.isFinite(r.drainMs) ? "NOT within 120 s" : `${fmt(r.drainMs / 1000, 1)} s`} after the burst`,
        );
      }
      const i = r.integrity;
      if (
        i.lost ||
        i.duplicated ||
        i.badConsent ||
        i.badEvent ||
        i.confirmationsMissing ||
        i.confirmationsDuplicated ||
        r.runs.serverErrors
      )
        failed = true;
    }
    const fiveXx = rows.reduce(
      (n, r) =>
        n +
        Object.entries(r.statuses)
          .filter(([c]) => Number(c) >= 500)
          .reduce((m, [, v]) => m + v, 0),
      0,
    );
    if (fiveXx > 0) failed = true;

    const find = (mode: Row["mode"], c: number) =>
      rows.find(
        (r) => r.mode === mode && r.connections === c && r.what.includes(mode === "bare" ? "bare" : "(json)"),
      );
    const bare100 = find("bare", 100);
    const fast10 = find("fast", 10);
    const fast100 = find("fast", 100);
    const confirm100 = find("confirm", 100);
    const check = (ok: boolean, text: string) => console.info(`${ok ? "met   " : "MISSED"} ${text}`);
    console.info("");
    if (bare100 && fast100) {
      const share = fast100.rps / bare100.rps;
      check(
        share >= 0.25,
        `signup at 100 connections = ${fmt(share * 100, 1)}% of the bare route's req/s (target >= 25%)`,
      );
    }
    if (fast10) check(fast10.p99 < 50, `p99 at 10 connections ${fmt(fast10.p99)} ms (target < 50 ms)`);
    if (fast100) check(fast100.p99 < 250, `p99 at 100 connections ${fmt(fast100.p99)} ms (target < 250 ms)`);
    if (confirm100)
      check(
        confirm100.p99 < 1000,
        `confirmations in-process: p99 at 100 connections ${fmt(confirm100.p99)} ms (target < 1 s)`,
      );
    const drain = results.confirm.drainMs;
    check(
      drain !== undefined && drain <= 60_000,
      `confirmation backlog drained within a minute of the burst`,
    );
    check(!failed, `zero lost, zero duplicated, zero 5xx (${fiveXx} 5xx answers)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

await main();

// npm run bench:signup — the signup path under a traffic spike, measured against the real server.
//
// The server is started the way production starts it (`npm run build` when the package has one, then
// `npm start`, NODE_ENV=production with every required secret) as a child process on a temporary SQLite file.
// Next to it, in the same run: a bare Hono route on @hono/node-server in its own process (bench/signup/bare-
// server.ts) as the yardstick, a local Resend stub, and a local Inngest stand-in (bench/signup/event-api.ts).
// Two passes:
//   fast     the event API answers at once and runs nothing: the cost of taking a signup.
//   confirm  the stand-in also calls back into the app's /api/inngest to run send-confirmation for every signup,
//            so confirmations are rendered and sent by the process taking the signups (as on one Node server).
//            After every signup run (a burst) the bench waits, bounded, until the backlog is gone: no unsent row
//            in pending_events and no run queued or running at the stand-in. It reports how long that took
//            after the burst's last answer, and never stops the server with runs still queued.
// autocannon drives POST /api/subscribe (JSON and form), GET / and the one-click unsubscribe POST at 10 and 100
// connections, loopback only, each run bounded by a request count and a time cap. It runs in a child process
// (bench/signup/load.ts), so it shares no event loop with the stand-ins. Every signup has its own address and
// client IP (X-Forwarded-For / CF-Connecting-IP, TRUST_PROXY=1), so the per-IP limit does not answer 429.
//
// The machine is shared and has two CPUs, which the load generator, the stand-ins and the server divide between
// them, so wall-clock figures (req/s, p50/p99) swing with other load: every run prints the 1-minute load
// average it started at. The steadiest figures are the server's own CPU time per request, read with
// process.cpuUsage() inside the server process (bench/signup/probe.ts, preloaded), which other processes do not
// change, and the ratio of signup to bare-route req/s within one run.
//
// Then the database is checked: every accepted signup has exactly one subscriber, one consent and one pending
// event (sent to the event API), and, in the confirm pass, exactly one confirmation delivered.
//
// Options: --app-dir DIR benchmarks another checkout (e.g. a `git worktree` of an older commit with
// node_modules hard-linked), --quick runs a quarter of the requests, --only fast|confirm runs one pass,
// --profile DIR writes a CPU profile of the server for every measured signup run, --workerd adds the JSON signup
// runs against the Worker under `npm run dev:worker` (workerd, local D1). Exits 1 when a signup was
// lost or duplicated or any answer was a 5xx; the speed targets of issue 16 are printed as met or missed.
import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { signToken } from "../src/lib/tokens.ts";
import { startResendStub } from "../test-support/resend-stub.ts";
import { type EventApi, startEventApi } from "./signup/event-api.ts";
import type { LoadResult, LoadRun, LoadTarget } from "./signup/load.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const PROBE = join(REPO, "bench/signup/probe.ts");
const { values: args } = parseArgs({
  options: {
    "app-dir": { type: "string" },
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    profile: { type: "string" },
    workerd: { type: "boolean", default: false },
  },
});
const APP_DIR = resolve(args["app-dir"] ?? REPO);
const SCALE = args.quick ? 0.25 : 1;
const PROFILE_DIR = args.profile ? resolve(args.profile) : undefined;
/** Requests per run at 10 and at 100 connections; each run also stops after RUN_CAP_MS. */
const AMOUNT = { 10: Math.round(1000 * SCALE), 100: Math.round(2000 * SCALE) } as const;
const RUN_CAP_MS = 30_000;
/** How long the bench waits for a burst's confirmations before it reports them not drained and moves on. */
const DRAIN_CAP_MS = 90_000;
const CONNECTIONS = [10, 100] as const;
/**
 * Runs the Inngest stand-in executes at once when send-confirmation declares no concurrency limit of its own
 * (Inngest Cloud's account-wide limit; a declared `concurrency` replaces it).
 */
const DEFAULT_EXECUTOR_CONCURRENCY = 10;

const EVENT_KEY = "bench-event-key";
const SIGNING_KEY = `signkey-prod-${randomBytes(32).toString("hex")}`;
const TOKEN_SECRET = randomBytes(32).toString("hex");
const APP_ID = "hopemark-newsletter";

type Mode = "fast" | "confirm";
type Row = {
  mode: Mode | "bare" | "workerd";
  what: string;
  connections: number;
  /** 1-minute load average when the run started. */
  load: number;
  rps: number;
  /** CPU time of the server process per request (process.cpuUsage() inside it), ms. */
  cpuMsPerRequest: number;
  /** Longest event-loop delay in the server during the run, ms. */
  loopMaxMs: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  /** Confirm pass, signup runs: seconds from the burst's last answer until its backlog was gone. */
  drainS?: number;
};

/** Two distinct free loopback ports (held open together, so the second cannot be the first again). */
async function freePorts(): Promise<[number, number]> {
  const servers = [createServer(), createServer()];
  for (const server of servers) await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  for (const server of servers) await new Promise<void>((r) => server.close(() => r()));
  return [ports[0] as number, ports[1] as number];
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

/** The probe preloaded into a server (bench/signup/probe.ts): CPU, event-loop delay, profiles. */
function probeClient(port: number) {
  const get = async (path: string) =>
    (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as {
      cpuMicros: number;
      loopDelayMaxMs: number;
    };
  return {
    port,
    env: { BENCH_PROBE_PORT: String(port), NODE_OPTIONS: `--import ${PROBE}` },
    /** CPU time so far (µs) and the longest loop delay since the last call. */
    sample: () => get("/cpu?reset"),
    startProfile: () => get("/profile/start"),
    stopProfile: (file: string) => get(`/profile/stop?file=${encodeURIComponent(file)}`),
  };
}
type Probe = ReturnType<typeof probeClient>;

function serverEnv(port: number, databasePath: string, eventApi: EventApi, resendUrl: string, probe: Probe) {
  const { INNGEST_DEV: _dev, ...inherited } = process.env;
  return {
    ...inherited,
    ...probe.env,
    BENCH_PROBE_MAIN: "dist/server.js,src/server.ts",
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

/** The load generator's process, one for the whole benchmark. */
const loader = fork(join(REPO, "bench/signup/load.ts"), { stdio: "inherit" });
let runCount = 0;

function generate(run: Omit<LoadRun, "run" | "capMs">): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    loader.once("message", (m: { ok: true; result: LoadResult } | { ok: false; error: string }) =>
      m.ok ? resolve(m.result) : reject(new Error(m.error)),
    );
    loader.send({ ...run, run: ++runCount, capMs: RUN_CAP_MS } satisfies LoadRun);
  });
}

/** An unreported run of JSON signups first (JIT, statement caches, the first confirmation renders). */
function warmUp(url: string, label: string): Promise<LoadResult> {
  return generate({
    url,
    connections: 10,
    amount: Math.round(200 * SCALE),
    target: { kind: "signup", body: "json", label },
  });
}

/** One measured run: the load, the server's CPU over exactly that run, the load average it started at. */
async function measure(
  base: string,
  probe: Probe,
  target: LoadTarget,
  connections: number,
  amount: number,
  profileAs?: string,
) {
  const load = loadavg()[0] ?? 0;
  if (profileAs && PROFILE_DIR) await probe.startProfile();
  const before = await probe.sample();
  const result = await generate({ url: base, connections, amount, target });
  const after = await probe.sample();
  if (profileAs && PROFILE_DIR) await probe.stopProfile(join(PROFILE_DIR, `${profileAs}.cpuprofile`));
  const answered = Object.values(result.statuses).reduce((a, b) => a + b, 0);
  return {
    load,
    ...result,
    cpuMsPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(answered, 1),
    loopMaxMs: after.loopDelayMaxMs,
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

/**
 * Recipient address -> keys of the confirmations delivered to it. The stub delivers once per Idempotency-Key, as
 * Resend does, so two keys for one address is a confirmation that went out twice.
 */
function deliveredTo(delivered: Map<string, { body: { to: string | string[] } }>) {
  const byAddress = new Map<string, Set<string>>();
  for (const [key, { body }] of delivered) {
    for (const to of [body.to].flat()) byAddress.set(to, (byAddress.get(to) ?? new Set()).add(key));
  }
  return byAddress;
}

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

/**
 * Waits until the app has no unsent event and the stand-in no queued or running run, polling, for at most
 * `capMs`. Returns the time from `since` (the burst's last answer) to the last run's end, or undefined when the
 * backlog was still there at the cap.
 */
async function drain(databasePath: string, eventApi: EventApi, since: number, capMs: number) {
  const db = new Database(databasePath, { readonly: true });
  const unsent = db.prepare("select count(*) as n from pending_events where sent_at is null");
  try {
    const deadline = Date.now() + capMs;
    for (;;) {
      const left = (unsent.get() as { n: number }).n;
      if (left === 0 && eventApi.backlog === 0)
        return { ms: Math.max(0, eventApi.runs.lastDoneAt - since), unsent: 0, backlog: 0 };
      if (Date.now() >= deadline) return { ms: undefined, unsent: left, backlog: eventApi.backlog };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    db.close();
  }
}

async function runMode(mode: Mode, tmp: string, rows: Row[]) {
  const eventApi = await startEventApi(EVENT_KEY);
  const resend = await startResendStub({ keepBodies: false });
  const [port, probePort] = await freePorts();
  const probe = probeClient(probePort);
  const databasePath = join(tmp, `${mode}.sqlite`);
  const base = `http://127.0.0.1:${port}`;
  const logPath = join(tmp, `${mode}.log`);
  const child = startAppServer(serverEnv(port, databasePath, eventApi, resend.url, probe), logPath);
  const accepted = new Set<string>();
  const drains: { what: string; ms: number | undefined; unsent: number; backlog: number }[] = [];
  try {
    await waitFor(`${base}/healthz`, child, "app server").catch((error) => {
      const log = readFileSync(logPath, "utf8").trim().split("\n").slice(-15).join("\n");
      throw new Error(`${error.message}; its log ends:\n${log}`);
    });
    if (mode === "confirm") {
      // Inngest learns a function's flow control when the app syncs; so does the stand-in.
      const functions = await eventApi.sync(`${base}/api/inngest`);
      const declared = functions.get(`${APP_ID}-send-confirmation`)?.concurrency;
      eventApi.runConfirmations({
        url: `${base}/api/inngest`,
        appId: APP_ID,
        signingKey: SIGNING_KEY,
        concurrency: declared ?? DEFAULT_EXECUTOR_CONCURRENCY,
      });
      console.info(
        `confirm: send-confirmation runs ${declared ?? DEFAULT_EXECUTOR_CONCURRENCY} at a time (${declared ? "its declared concurrency" : "no limit declared; the stand-in's default"})`,
      );
    }
    const settle = async (what: string, since: number) => {
      const d = await drain(databasePath, eventApi, since, DRAIN_CAP_MS);
      drains.push({ what, ...d });
      return d;
    };
    const warm = await warmUp(base, `${mode}-warm`);
    for (const key of warm.accepted) accepted.add(key);
    await generate({
      url: base,
      connections: 10,
      amount: Math.round(200 * SCALE),
      target: { kind: "get", path: "/" },
    });
    await settle("warm-up", warm.lastAnswerAt);

    for (const body of ["json", "form"] as const) {
      for (const c of CONNECTIONS) {
        const target: LoadTarget = { kind: "signup", body, label: `${mode}-${body}-c${c}` };
        const r = await measure(base, probe, target, c, AMOUNT[c], `${mode}-${body}-c${c}`);
        for (const key of r.accepted) accepted.add(key);
        const d = await settle(`${body} c${c}`, r.lastAnswerAt);
        rows.push({
          mode,
          what: `POST /api/subscribe (${body})`,
          connections: c,
          ...r,
          ...(mode === "confirm" ? { drainS: d.ms === undefined ? Number.NaN : d.ms / 1000 } : {}),
        });
      }
    }
    for (const c of CONNECTIONS) {
      const r = await measure(base, probe, { kind: "get", path: "/" }, c, AMOUNT[c]);
      rows.push({ mode, what: "GET /", connections: c, ...r });
    }
    // One-click unsubscribes for subscribers created above, one each, with real signed tokens.
    const reader = new Database(databasePath, { readonly: true });
    const ids = (
      reader.prepare("select id from subscribers order by created_at").all() as { id: string }[]
    ).map((r) => r.id);
    reader.close();
    let used = 0;
    for (const c of CONNECTIONS) {
      const tokens: string[] = [];
      for (const id of ids.slice(used, used + AMOUNT[c]))
        tokens.push(await signToken(TOKEN_SECRET, "unsubscribe", id));
      used += tokens.length;
      const r = await measure(base, probe, { kind: "unsubscribe", tokens }, c, tokens.length);
      rows.push({ mode, what: "POST /api/unsubscribe (one-click)", connections: c, ...r });
    }
    // Nothing is stopped with work still queued: the unsubscribe events too are sent before the server goes.
    await settle("end", Date.now());
  } finally {
    await stop(child);
    await eventApi.close();
    await resend.close();
  }
  const integrity = checkRows(
    databasePath,
    accepted,
    eventApi,
    mode === "confirm" ? deliveredTo(resend.delivered) : undefined,
  );
  return { integrity, drains, runs: eventApi.runs, resendCalls: resend.requests.length };
}

async function runBare(rows: Row[]) {
  const [port, probePort] = await freePorts();
  const probe = probeClient(probePort);
  const child = spawn(process.execPath, ["--import", PROBE, join(REPO, "bench/signup/bare-server.ts")], {
    env: {
      ...process.env,
      ...probe.env,
      NODE_OPTIONS: "",
      BENCH_PROBE_MAIN: "bare-server.ts",
      PORT: String(port),
    },
    detached: true,
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/`, child, "bare server");
    await warmUp(base, "bare-warm");
    for (const c of CONNECTIONS) {
      const target: LoadTarget = { kind: "signup", body: "json", label: `bare-c${c}` };
      const r = await measure(base, probe, target, c, AMOUNT[c]);
      rows.push({ mode: "bare", what: "bare Hono route (json, 202)", connections: c, ...r });
    }
  } finally {
    await stop(child);
  }
}

/**
 * CPU time (ms) used so far by every process in a process group, from /proc (Linux). For wrangler dev, whose
 * workerd cannot be given our probe; the group also holds wrangler's own node process, so this is an upper bound.
 */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
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
  return ticks * 10; // USER_HZ is 100 on Linux
}

/**
 * The same JSON signup runs against the Worker in workerd under `npm run dev:worker` (wrangler dev --local, local
 * D1), events to the fast stand-in. Reported next to the Node rows; no row check (the rows live in wrangler's
 * local D1 under .wrangler/state).
 */
async function runWorkerd(rows: Row[], tmp: string) {
  const eventApi = await startEventApi(EVENT_KEY);
  const [port] = await freePorts();
  const base = `http://127.0.0.1:${port}`;
  const log = openSync(join(tmp, "workerd.log"), "a");
  const vars = [
    `INNGEST_BASE_URL:${eventApi.url}`,
    `INNGEST_EVENT_KEY:${EVENT_KEY}`,
    "TRUST_PROXY:cloudflare",
  ];
  const child = spawn(
    "npm",
    ["run", "dev:worker", "--silent", "--", "--port", String(port), ...vars.flatMap((v) => ["--var", v])],
    {
      cwd: APP_DIR,
      env: { ...process.env, DEV_WORKER_RECONCILE: "0" },
      detached: true,
      stdio: ["ignore", log, log],
    },
  );
  closeSync(log);
  try {
    await waitFor(`${base}/healthz`, child, "wrangler dev", 180_000);
    await warmUp(base, "workerd-warm");
    for (const c of CONNECTIONS) {
      const load = loadavg()[0] ?? 0;
      const before = groupCpuMs(child.pid as number);
      const target: LoadTarget = { kind: "signup", body: "json", label: `workerd-c${c}` };
      const r = await generate({ url: base, connections: c, amount: AMOUNT[c], target });
      const answered = Object.values(r.statuses).reduce((a, b) => a + b, 0);
      rows.push({
        mode: "workerd",
        what: "POST /api/subscribe (json)",
        connections: c,
        load,
        ...r,
        cpuMsPerRequest: (groupCpuMs(child.pid as number) - before) / Math.max(answered, 1),
        loopMaxMs: Number.NaN,
      });
    }
  } finally {
    await stop(child);
    await eventApi.close();
  }
}

function fmt(n: number, digits = 0) {
  if (!Number.isFinite(n)) return "n/a";
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function printTable(rows: Row[]) {
  const header = [
    "pass",
    "endpoint",
    "conns",
    "load",
    "req/s",
    "p50 ms",
    "p99 ms",
    "server CPU ms/req",
    "loop max ms",
    "drained s",
    "answers",
  ];
  const lines = rows.map((r) => [
    r.mode,
    r.what,
    String(r.connections),
    fmt(r.load, 1),
    fmt(r.rps),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.cpuMsPerRequest, 2),
    fmt(r.loopMaxMs),
    r.drainS === undefined ? "" : Number.isNaN(r.drainS) ? `> ${DRAIN_CAP_MS / 1000}` : fmt(r.drainS, 1),
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
  console.info(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}`,
  );
  if (pkg.scripts?.build) {
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: APP_DIR, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const modes = (args.only ? [args.only].filter((m) => m !== "workerd") : ["fast", "confirm"]) as Mode[];
  const tmp = mkdtempSync(join(tmpdir(), "bench-signup-"));
  const rows: Row[] = [];
  let failed = false;
  try {
    await runBare(rows);
    const results: Partial<Record<Mode, Awaited<ReturnType<typeof runMode>>>> = {};
    for (const mode of modes) results[mode] = await runMode(mode, tmp, rows);
    if (args.workerd || args.only === "workerd") await runWorkerd(rows, tmp);
    console.info("");
    printTable(rows);
    console.info("");
    console.info(
      `load average at end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(", ")}`,
    );
    for (const [mode, r] of Object.entries(results)) {
      console.info(`${mode}: ${JSON.stringify(r.integrity)}`);
      const undrained = r.drains.filter((d) => d.ms === undefined);
      for (const d of undrained)
        console.info(
          `${mode}: after ${d.what}, NOT drained within ${DRAIN_CAP_MS / 1000} s: ${d.unsent} events unsent, ${d.backlog} runs queued or running`,
        );
      if (mode === "confirm") {
        console.info(
          `confirm: send-confirmation runs ${r.runs.done} done, ${r.runs.failed} failed, ${r.runs.calls} calls to /api/inngest (${r.runs.serverErrors} 5xx); Resend calls ${r.resendCalls}`,
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
    const confirm = results.confirm;
    if (confirm) {
      const bursts = confirm.drains.filter((d) => d.what !== "warm-up" && d.what !== "end");
      const slowest = Math.max(...bursts.map((d) => d.ms ?? Number.POSITIVE_INFINITY));
      check(
        slowest <= 60_000,
        `confirmation backlog drained within a minute of every burst (slowest ${Number.isFinite(slowest) ? `${fmt(slowest / 1000, 1)} s` : `not within ${DRAIN_CAP_MS / 1000} s`})`,
      );
    }
    check(!failed, `zero lost, zero duplicated, zero 5xx (${fiveXx} 5xx answers)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

await main();

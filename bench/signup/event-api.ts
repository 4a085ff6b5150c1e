// A local stand-in for Inngest, for bench:signup. It always answers the event endpoint (POST /e/:key) at once,
// like Inngest Cloud's edge does, and counts every event id it receives.
//
// With `runConfirmations`, it also does what Inngest's executor would do next for signup events: it calls the
// app's /api/inngest for `send-confirmation`, signed with the signing key exactly as Inngest signs its calls
// (X-Inngest-Signature: t=<unix s>&s=hex HMAC-SHA256 of body + t), feeds every step result back in the next
// call's `steps`, and repeats until the function answers 200. So the confirmation email is rendered, gated and
// handed to Resend by the same process that takes the signups, as on a single Node server in development.
// Runs execute `concurrency` at a time from a FIFO queue; a failing call is retried with the attempt number
// raised, as Inngest does. The cap is the function's own `concurrency` when it declares one: like Inngest, the
// stand-in learns it when the app syncs (PUT /api/inngest makes the SDK post its function configs to
// /fn/register here). It is not Inngest: no persistence, no flow control beyond the concurrency cap.
import { createHmac, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Event = { id?: string; name: string; data: Record<string, unknown>; ts?: number };
type Op = { id: string; op: string; data?: unknown; error?: unknown };

const CONFIRMATION_EVENTS = new Set([
  "newsletter/subscriber.created",
  "newsletter/subscriber.confirmation-requested",
]);
const MAX_ATTEMPTS = 6;

export type ExecutorTarget = { url: string; appId: string; signingKey: string; concurrency: number };

/** What a sync tells the stand-in about each function, by its full id ("<app>-<function>"). */
export type FunctionConfig = { concurrency?: number };

type Limit = number | { limit: number } | { limit: number }[];

/** The tightest limit of a function's `concurrency` option (a number, one limit, or a list of them). */
function concurrencyOf(value: Limit | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limits = [value].flat().map((v) => (typeof v === "number" ? v : v.limit));
  return limits.length > 0 ? Math.min(...limits) : undefined;
}

/** JSON with keys sorted at every level, which is what the SDK's canonicalize() produces for the same value. */
function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

function sign(body: string, signingKey: string): string {
  const ts = Math.round(Date.now() / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  return `t=${ts}&s=${createHmac("sha256", key)
    .update(body + ts)
    .digest("hex")}`;
}

export async function startEventApi(eventKey: string) {
  /** Every event id received, with how often (Inngest drops repeats of an id; we count them). */
  const received = new Map<string, number>();
  const runs = { queued: 0, done: 0, failed: 0, calls: 0, serverErrors: 0, lastDoneAt: 0 };
  const queue: Event[] = [];
  let target: ExecutorTarget | undefined;
  let active = 0;

  async function call(
    t: ExecutorTarget,
    event: Event,
    runId: string,
    steps: Record<string, unknown>,
    stepId: string,
    attempt: number,
  ) {
    const stack = Object.keys(steps);
    const body = canonicalJson({
      event,
      events: [event],
      steps,
      ctx: { run_id: runId, attempt, max_attempts: MAX_ATTEMPTS, stack: { stack, current: stack.length } },
    });
    const url = `${t.url}?fnId=${encodeURIComponent(`${t.appId}-send-confirmation`)}&stepId=${encodeURIComponent(stepId)}`;
    runs.calls++;
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-inngest-signature": sign(body, t.signingKey) },
    });
    const text = await response.text();
    if (response.status >= 500) runs.serverErrors++;
    return { status: response.status, text };
  }

  async function execute(t: ExecutorTarget, event: Event): Promise<boolean> {
    const runId = `run-${randomUUID()}`;
    const steps: Record<string, unknown> = {};
    let stepId = "step";
    let attempt = 0;
    for (let calls = 0; calls < 20; calls++) {
      let result: { status: number; text: string };
      try {
        result = await call(t, event, runId, steps, stepId, attempt);
      } catch {
        result = { status: 599, text: "" };
      }
      if (result.status === 200) return true;
      if (result.status === 206) {
        const ops = JSON.parse(result.text) as Op[];
        stepId = "step";
        for (const op of ops) {
          if (op.op === "StepPlanned") stepId = op.id;
          else if (op.op === "StepRun" || op.op === "Step")
            steps[op.id] = { type: "data", data: op.data ?? null };
          else if (op.op === "StepError") attempt++;
          else if (op.op === "StepFailed") return false;
        }
        if (attempt >= MAX_ATTEMPTS) return false;
        continue;
      }
      // 400 is a non-retriable failure; anything else is retried like Inngest does, a little later.
      if (result.status === 400 || ++attempt >= MAX_ATTEMPTS) return false;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
    return false;
  }

  function pump() {
    while (target && active < target.concurrency && queue.length > 0) {
      const event = queue.shift() as Event;
      const t = target;
      active++;
      execute(t, event)
        .then((ok) => {
          if (ok) runs.done++;
          else runs.failed++;
        })
        .catch(() => runs.failed++)
        .finally(() => {
          active--;
          runs.lastDoneAt = Date.now();
          pump();
        });
    }
  }

  const functions = new Map<string, FunctionConfig>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && req.url?.startsWith("/fn/register")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          functions?: { id: string; concurrency?: Limit }[];
        };
        for (const fn of body.functions ?? []) {
          const concurrency = concurrencyOf(fn.concurrency);
          functions.set(fn.id, concurrency === undefined ? {} : { concurrency });
        }
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":200,"modified":true}');
        return;
      }
      if (req.method !== "POST" || req.url !== `/e/${eventKey}`) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found","status":404}');
        return;
      }
      const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Event[];
      const ids = events.map((e) => e.id ?? randomUUID());
      for (const [i, event] of events.entries()) {
        const id = ids[i] as string;
        const seen = received.get(id) ?? 0;
        received.set(id, seen + 1);
        // Inngest de-duplicates by id: a re-sent event starts no second run.
        if (seen === 0 && target && CONFIRMATION_EVENTS.has(event.name)) {
          runs.queued++;
          queue.push(event);
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids, status: 200 }));
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    runs,
    /** Asks the app at `serveUrl` to sync (as Inngest's dashboard does) and returns what it registered. */
    async sync(serveUrl: string): Promise<Map<string, FunctionConfig>> {
      const response = await fetch(serveUrl, { method: "PUT" });
      if (!response.ok) throw new Error(`sync failed: ${response.status} ${await response.text()}`);
      return functions;
    },
    /** Start calling the app's functions for signup events received from now on. */
    runConfirmations(t: ExecutorTarget) {
      target = t;
    },
    get backlog() {
      return queue.length + active;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type EventApi = Awaited<ReturnType<typeof startEventApi>>;

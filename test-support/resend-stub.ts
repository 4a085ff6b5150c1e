// The one local stand-in for the Resend API, shared by the tests and the benchmarks (hence outside test/ and
// src/: it is neither a test nor shipped). It answers the way the real API does where retries and broadcasts
// care:
// - POST /emails (one email): one delivery per Idempotency-Key, the same id back for a repeated key, and (on
//   request) a dropped connection after accepting, the case where the provider sent the email but the step never
//   heard back.
// - GET /emails/receiving/{id}: an inbound message put in `receiving` (404 otherwise).
// - POST /emails/batch: bearer auth, at most 100 emails per call, one { data: [{ id }] } per email, the same ids
//   back for a repeated Idempotency-Key with the same body, 409 invalid_idempotent_request for a reused key with
//   a different body, and (on request) 429 with retry-after. Bodies are hashed, never kept (unless asked): the
//   benchmark pushes gigabytes through it.
// Single emails are kept whole for the tests that read them; `keepBodies: false` keeps only each one's recipient
// and subject (bench:signup sends 12,400 confirmations of about 30 KB each through it).
// Run it as a process with `node --import tsx test-support/resend-stub.ts` (it prints its URL and answers
// GET /stats); tests start it in-process.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

type BatchEmail = {
  from?: string;
  to?: string | string[];
  subject?: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
};

export type StubStats = {
  calls: number;
  /** Emails accepted for delivery, counting a replayed idempotent call once. */
  emails: number;
  replays: number;
  rateLimited: number;
  bytes: number;
  keys: string[];
};

/** One call to POST /emails as the stub saw it. */
export type SingleRequest = {
  idempotencyKey: string | undefined;
  body: {
    to: string | string[];
    subject: string;
    text?: string;
    html?: string;
    reply_to?: string | string[];
    headers?: Record<string, string>;
  };
};

/** What GET /emails/receiving/{id} answers (Resend's receiving API, SDK 6.38 GetReceivingEmailResponseSuccess). */
export type StubReceivedEmail = {
  from: string;
  to?: string[];
  subject: string;
  text?: string | null;
  html?: string | null;
  headers?: Record<string, string> | null;
  message_id?: string;
  created_at?: string;
};

export async function startResendStub(
  options: { keepEmails?: boolean; recordKeys?: boolean; keepBodies?: boolean } = {},
) {
  const stats: StubStats = { calls: 0, emails: 0, replays: 0, rateLimited: 0, bytes: 0, keys: [] };
  const requests: SingleRequest[] = [];
  const delivered = new Map<string, { id: string; body: SingleRequest["body"] }>();
  const dropFirstResponse = new Set<string>();
  // Inbound (receiving) messages by email id; GETs are counted so tests can see triage read the body.
  const receiving = new Map<string, StubReceivedEmail>();
  const receivingGets: string[] = [];
  let singles = 0;
  const emails: BatchEmail[] = [];
  const seen = new Map<string, { hash: string; response: string }>();
  const queued429: string[] = [];
  let counter = 0;

  const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const inbound = /^\/emails\/receiving\/([^/?]+)/.exec(req.url ?? "");
    if (req.method === "GET" && inbound?.[1]) {
      const id = decodeURIComponent(inbound[1]);
      receivingGets.push(id);
      const email = receiving.get(id);
      res.writeHead(email ? 200 : 404, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          email
            ? {
                object: "email",
                id,
                to: ["replies@hopemark.test"],
                cc: null,
                bcc: null,
                reply_to: null,
                received_for: [],
                html: null,
                text: null,
                headers: {},
                message_id: `<${id}@mail.example.com>`,
                created_at: new Date().toISOString(),
                attachments: [],
                ...email,
              }
            : { statusCode: 404, name: "not_found", message: "Email not found" },
        ),
      );
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "GET" && req.url === "/stats") return json(res, 200, stats);
      if (req.method === "POST" && req.url === "/emails") {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SingleRequest["body"];
        const body = options.keepBodies === false ? { to: parsed.to, subject: parsed.subject } : parsed;
        const key = req.headers["idempotency-key"] as string | undefined;
        requests.push({ idempotencyKey: key, body });
        const known = key ? delivered.get(key) : undefined;
        const id = known?.id ?? `re_${++singles}`;
        if (!known && key) delivered.set(key, { id, body });
        if (key && dropFirstResponse.delete(key)) {
          req.socket.destroy();
          return;
        }
        return json(res, 200, { id });
      }
      if (req.method !== "POST" || req.url !== "/emails/batch") {
        return json(res, 404, { statusCode: 404, name: "not_found", message: "Route not found" });
      }
      if (!/^Bearer re_\w+/.test(req.headers.authorization ?? "")) {
        return json(res, 401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
      }
      const raw = Buffer.concat(chunks);
      stats.calls++;
      stats.bytes += raw.length;
      const retryAfter = queued429.shift();
      if (retryAfter !== undefined) {
        stats.rateLimited++;
        return json(
          res,
          429,
          {
            statusCode: 429,
            name: "rate_limit_exceeded",
            message: "Too many requests. You can only make 5 requests per second.",
          },
          { "retry-after": retryAfter },
        );
      }
      const key = req.headers["idempotency-key"] as string | undefined;
      const hash = createHash("sha256").update(raw).digest("hex");
      if (key) {
        if (options.recordKeys !== false) stats.keys.push(key);
        const previous = seen.get(key);
        if (previous && previous.hash === hash) {
          stats.replays++;
          return json(res, 200, previous.response);
        }
        if (previous) {
          return json(res, 409, {
            statusCode: 409,
            name: "invalid_idempotent_request",
            message: "Same idempotency key used with a different request payload.",
          });
        }
      }
      let batch: BatchEmail[];
      try {
        batch = JSON.parse(raw.toString("utf8")) as BatchEmail[];
      } catch {
        return json(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid JSON" });
      }
      if (!Array.isArray(batch) || batch.length === 0 || batch.length > 100) {
        return json(res, 422, {
          statusCode: 422,
          name: "validation_error",
          message: "A batch holds 1 to 100 emails.",
        });
      }
      const bad = batch.findIndex((e) => !e.from || !e.to || !e.subject || !(e.html || e.text));
      if (bad >= 0) {
        return json(res, 422, {
          statusCode: 422,
          name: "validation_error",
          message: `emails[${bad}]: missing field`,
        });
      }
      stats.emails += batch.length;
      if (options.keepEmails) emails.push(...batch);
      const response = JSON.stringify({ data: batch.map(() => ({ id: `re_${(++counter).toString(36)}` })) });
      if (key) seen.set(key, { hash, response });
      return json(res, 200, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    /** POST /emails/batch figures. */
    stats,
    /** Batch emails, kept only with keepEmails. */
    emails,
    /** Every POST /emails, in order (with keepBodies: false, only each body's `to` and `subject`). */
    requests,
    /** POST /emails by Idempotency-Key: what was delivered once, with its id. */
    delivered,
    /** POST /emails keys whose first accepted call gets its connection dropped instead of an answer. */
    dropFirstResponse,
    /** GET /emails/receiving/{id}: the inbound messages the stub knows, and the ids asked for. */
    receiving,
    receivingGets,
    /** The next call(s) get a 429 with this retry-after (seconds). */
    rateLimitNext(retryAfterSeconds: string, times = 1) {
      for (let i = 0; i < times; i++) queued429.push(retryAfterSeconds);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type ResendStub = Awaited<ReturnType<typeof startResendStub>>;

// As a separate process (the benchmark runs it so the stub's JSON parsing does not count against the app).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const stub = await startResendStub({ recordKeys: false });
  process.stdout.write(`${stub.url}\n`);
  // The parent holds our stdin open; when it goes away, so do we.
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

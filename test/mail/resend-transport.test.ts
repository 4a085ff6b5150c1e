// The real Resend SDK against a local stub that answers like the Resend API, so the wire format is tested:
// Idempotency-Key, custom headers, text part, tags, reply_to, and how each error status maps to retries.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toInngestError } from "../../src/functions/mail-step.ts";
import { MailError } from "../../src/mail/errors.ts";
import { createResendTransport, retryAfterMs } from "../../src/mail/resend-transport.ts";
import type { OutgoingEmail } from "../../src/mail/types.ts";

/** The transport throws MailErrors; what Inngest sees is what a sending function's edge turns them into. */
const atInngestEdge = (error: unknown) => toInngestError(error);

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: unknown };
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
let replies: Reply[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: raw ? JSON.parse(raw) : null,
      });
      const reply = replies.shift() ?? {
        status: 500,
        body: { statusCode: 500, name: "internal_server_error", message: "no reply queued" },
      };
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  replies = [];
});

const transport = () =>
  createResendTransport({ apiKey: "re_test_123", baseUrl, from: "Hopemark <news@hopemark.test>" });

function message(key: string, overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to: "reader@example.com",
    replyTo: "hello@hopemark.test",
    subject: "Lesson 1: where this treatment story begins",
    html: "<p>Hello</p>",
    text: "Hello (text part)",
    headers: {
      "List-Unsubscribe": "<https://newsletter.test/u/abc>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    tags: [{ name: "template", value: "lesson" }],
    idempotencyKey: key,
    templateId: "lesson",
    kind: "marketing",
    ...overrides,
  };
}

describe("resend transport: wire format", () => {
  it("sends one email with Idempotency-Key, headers, text, tags and reply_to", async () => {
    replies.push({ status: 200, body: { id: "email_123" } });
    const result = await transport().send(message("sub-1:lesson-1"));
    expect(result).toEqual({ providerMessageId: "email_123" });
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/emails");
    expect(req?.headers["idempotency-key"]).toBe("sub-1:lesson-1");
    expect(req?.headers.authorization).toBe("Bearer re_test_123");
    expect(req?.body).toMatchObject({
      from: "Hopemark <news@hopemark.test>",
      to: "reader@example.com",
      reply_to: "hello@hopemark.test",
      subject: "Lesson 1: where this treatment story begins",
      html: "<p>Hello</p>",
      text: "Hello (text part)",
      headers: {
        "List-Unsubscribe": "<https://newsletter.test/u/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      tags: [{ name: "template", value: "lesson" }],
    });
  });

  it("uses the message's own From when set", async () => {
    replies.push({ status: 200, body: { id: "email_124" } });
    await transport().send(message("k", { from: "Taylor <taylor@hopemark.test>" }));
    expect(seen[0]?.body).toMatchObject({ from: "Taylor <taylor@hopemark.test>" });
  });

  it("sends a batch in one call with the batch idempotency key and maps ids in order", async () => {
    replies.push({ status: 200, body: { data: [{ id: "e1" }, { id: "e2" }] } });
    const results = await transport().sendBatch([message("a"), message("b", { text: "B text" })], {
      idempotencyKey: "campaign-1:batch-0",
    });
    expect(results).toEqual([{ providerMessageId: "e1" }, { providerMessageId: "e2" }]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe("/emails/batch");
    expect(seen[0]?.headers["idempotency-key"]).toBe("campaign-1:batch-0");
    const body = seen[0]?.body as { text: string; headers: Record<string, string> }[];
    expect(body).toHaveLength(2);
    expect(body[1]?.text).toBe("B text");
    expect(body[0]?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("refuses more than 100 emails per batch without calling Resend", async () => {
    const many = Array.from({ length: 101 }, (_, i) => message(`m${i}`));
    const error = await transport().sendBatch(many, { idempotencyKey: "big" }).catch(atInngestEdge);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(seen).toHaveLength(0);
  });
});

describe("resend transport: errors", () => {
  it("throws MailErrors of its own kinds, never Inngest's error classes", async () => {
    replies.push(
      {
        status: 429,
        headers: { "retry-after": "7" },
        body: { statusCode: 429, name: "rate_limit_exceeded", message: "x" },
      },
      { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } },
      { status: 422, body: { statusCode: 422, name: "validation_error", message: "bad" } },
    );
    const errors = [];
    for (const key of ["a", "b", "c"])
      errors.push(
        await transport()
          .send(message(key))
          .catch((e: unknown) => e),
      );
    expect(errors.map((e) => [e instanceof MailError, (e as MailError).kind])).toEqual([
      [true, "rate_limited"],
      [true, "transient"],
      [true, "rejected"],
    ]);
    expect((errors[0] as MailError).retryAfterMs).toBe(7000);
    for (const e of errors) {
      expect(e).not.toBeInstanceOf(NonRetriableError);
      expect(e).not.toBeInstanceOf(RetryAfterError);
    }
  });

  it("429 becomes RetryAfterError with the provider's Retry-After", async () => {
    replies.push({
      status: 429,
      headers: { "retry-after": "7" },
      body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
    });
    const error = await transport().send(message("k")).catch(atInngestEdge);
    expect(error).toBeInstanceOf(RetryAfterError);
    // RetryAfterError takes milliseconds and stores whole seconds, as Inngest's API expects.
    expect((error as RetryAfterError).retryAfter).toBe("7");
  });

  it("429 without Retry-After waits 1 s", async () => {
    replies.push({
      status: 429,
      body: { statusCode: 429, name: "rate_limit_exceeded", message: "slow down" },
    });
    const error = await transport()
      .sendBatch([message("a")], { idempotencyKey: "b" })
      .catch(atInngestEdge);
    expect(error).toBeInstanceOf(RetryAfterError);
    expect((error as RetryAfterError).retryAfter).toBe("1");
  });

  it("5xx is a plain, retriable Error", async () => {
    replies.push({ status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } });
    const error = await transport().send(message("k")).catch(atInngestEdge);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NonRetriableError);
    expect(error).not.toBeInstanceOf(RetryAfterError);
  });

  it("a non-JSON 502 from a proxy is retriable", async () => {
    replies.push({ status: 502, body: "<html>Bad gateway</html>" });
    const error = await transport().send(message("k")).catch(atInngestEdge);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NonRetriableError);
  });

  it("a network failure is retriable", async () => {
    const dead = createResendTransport({ apiKey: "re_x", baseUrl: "http://127.0.0.1:1", from: "a@b.test" });
    const error = await dead.send(message("k")).catch(atInngestEdge);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toMatch(/network/);
  });

  it("422 validation is NonRetriableError, and the message never contains the address", async () => {
    replies.push({
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field: reader@example.com" },
    });
    const error = await transport().send(message("k")).catch(atInngestEdge);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toContain('template "lesson"');
    expect((error as Error).message).not.toContain("reader@example.com");
  });

  it("409 concurrent idempotent request is retried, a mismatched one is not", async () => {
    replies.push({
      status: 409,
      body: { statusCode: 409, name: "concurrent_idempotent_requests", message: "in flight" },
    });
    const concurrent = await transport().send(message("k")).catch(atInngestEdge);
    expect(concurrent).not.toBeInstanceOf(NonRetriableError);
    replies.push({
      status: 409,
      body: { statusCode: 409, name: "invalid_idempotent_request", message: "different body" },
    });
    const mismatch = await transport().send(message("k")).catch(atInngestEdge);
    expect(mismatch).toBeInstanceOf(NonRetriableError);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "retry-after": "Fri, 27 Nov 2026 12:00:30 GMT" }, now)).toBe(30_000);
    expect(retryAfterMs({ "retry-after": "nonsense" }, now)).toBe(1000);
    expect(retryAfterMs(null, now)).toBe(1000);
  });
});

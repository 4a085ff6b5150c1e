// triage-reply's guarantees beyond one happy run: one crisis auto-reply per person per 24 hours (the alert still
// goes), a retried send after a lost provider answer delivers once, and Reply-To = REPLIES_ADDRESS reaches the
// provider on every message.
import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "../../src/db/schema.ts";
import { createTriageReply } from "../../src/functions/triage-reply.ts";
import { createOutboxTransport } from "../../src/mail/outbox-transport.ts";
import { createResendTransport } from "../../src/mail/resend-transport.ts";
import type { Transport } from "../../src/mail/types.ts";
import { recordLocalInbound } from "../../src/replies/receive.ts";
import { confirmationEmail } from "../../src/subscribers/emails.ts";
import { startResendStub } from "../../test-support/resend-stub.ts";
import { journeyDeps, runFunction, seedSubscriber } from "../journey/helpers.ts";

type J = ReturnType<typeof journeyDeps>;
let j: J | undefined;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  j?.close();
  j = undefined;
  for (const c of cleanups.splice(0)) await c();
});

async function paste(deps: J["deps"], from: string, text: string) {
  const { id } = await recordLocalInbound(deps, {
    from,
    to: "replies@hopemark.test",
    subject: "Re: Lesson 1",
    text,
    headers: {},
  });
  return {
    name: "newsletter/reply.received",
    data: { source: "local", messageRef: id, receivedAt: deps.now().getTime() },
  };
}

// The plain-text part is wrapped at 76 columns: whitespace is collapsed so phrases can be matched whole.
const rows = (sqlite: J["sqlite"]) =>
  (
    sqlite.prepare('select "to", subject, idempotency_key as key, text from outbox order by rowid').all() as {
      to: string;
      subject: string;
      key: string;
      text: string;
    }[]
  ).map((r) => ({ ...r, text: r.text.replace(/\s+/g, " ") }));

describe("triage-reply", () => {
  it("sends at most one crisis auto-reply per person in 24 hours, and alerts the team every time", async () => {
    let now = new Date("2026-12-01T09:00:00Z");
    j = journeyDeps({ now: () => now });
    const reader = await seedSubscriber(j.db, { country: "US" });
    const fn = createTriageReply(j.deps);

    await runFunction(fn, await paste(j.deps, reader.email, "I want to die"));
    now = new Date("2026-12-01T20:00:00Z");
    const second = await runFunction(fn, await paste(j.deps, reader.email, "I can't go on"));
    expect(second.result).toMatchObject({
      autoReply: { sent: false, reason: "rate-limited" },
      alert: { sent: true },
    });
    now = new Date("2026-12-02T09:30:00Z");
    const third = await runFunction(fn, await paste(j.deps, reader.email, "still feel suicidal"));
    expect(third.result).toMatchObject({ autoReply: { sent: true }, alert: { sent: true } });

    const sent = rows(j.sqlite);
    expect(sent.filter((r) => r.to === reader.email)).toHaveLength(2);
    const alerts = sent.filter((r) => r.to === "team@hopemark.test");
    expect(alerts).toHaveLength(3);
    expect(alerts.every((a) => a.subject.startsWith("[URGENT]"))).toBe(true);
    expect(alerts[1]?.text).toContain("already received one in the last 24 hours");
    // US readers get 988 first.
    const answer = sent.find((r) => r.to === reader.email)?.text ?? "";
    expect(answer.indexOf("Call or text 988")).toBeLessThan(answer.indexOf("Thank you for writing"));
  });

  it("a crisis reply from an unknown address outside the US, UK, Ireland and Canada gets the US lines and the local-number note", async () => {
    j = journeyDeps();
    await runFunction(
      createTriageReply(j.deps),
      await paste(j.deps, "someone@example.de", "I want to end my life"),
    );
    const answer = rows(j.sqlite).find((r) => r.to === "someone@example.de")?.text ?? "";
    expect(answer).toMatch(/call or text 988/i);
    expect(answer).toContain("contact your local emergency number");
  });

  it("a send whose provider answer was lost is retried and delivered once", async () => {
    let failNext = true;
    j = journeyDeps({
      transport: (db) => {
        const real = createOutboxTransport(db);
        const flaky: Transport = {
          ...real,
          async send(message) {
            const result = await real.send(message);
            // The provider accepted it, then the connection dropped before the step heard back.
            if (failNext && message.idempotencyKey.endsWith(":crisis-reply")) {
              failNext = false;
              throw new Error("socket hang up");
            }
            return result;
          },
        };
        return flaky;
      },
    });
    const reader = await seedSubscriber(j.db);
    const event = await paste(j.deps, reader.email, "I want to kill myself");
    const fn = createTriageReply(j.deps);
    const first = await runFunction(fn, event);
    expect(first.error).toBeDefined();
    // Inngest retries the failed step; a fresh run stands in for it (state lost, so every step runs again).
    const retry = await runFunction(fn, event);
    expect(retry.result).toMatchObject({
      status: "crisis",
      autoReply: { sent: true },
      alert: { sent: false, reason: "already-sent" },
    });
    const sent = rows(j.sqlite);
    expect(sent.filter((r) => r.to === reader.email)).toHaveLength(1);
    expect(sent.filter((r) => r.to === "team@hopemark.test")).toHaveLength(1);
    expect(await j.db.select().from(outbox)).toHaveLength(2);
  });

  it("gives the Resend API Reply-To = REPLIES_ADDRESS on every message, and the reader's address on team alerts", async () => {
    const stub = await startResendStub();
    cleanups.push(stub.close);
    j = journeyDeps({
      env: { REPLIES_ADDRESS: "replies@in.hopemark.test" },
      transport: () =>
        createResendTransport({ apiKey: "re_test", baseUrl: stub.url, from: "Hopemark <n@hopemark.test>" }),
    });
    const reader = await seedSubscriber(j.db);
    const subscriber = (await j.db.query.subscribers.findFirst()) ?? undefined;
    if (!subscriber) throw new Error("seed failed");
    await j.deps.mailer.send({
      ...(await confirmationEmail(j.deps, subscriber)),
      idempotencyKey: "confirm:1",
    });
    await runFunction(createTriageReply(j.deps), await paste(j.deps, reader.email, "I want to die"));
    const byTemplate = (subject: RegExp) => stub.requests.find((r) => subject.test(r.body.subject));
    expect(byTemplate(/confirm/i)?.body.reply_to).toBe("replies@in.hopemark.test");
    expect(byTemplate(/We received your message/)?.body.reply_to).toBe("replies@in.hopemark.test");
    expect(byTemplate(/^\[URGENT\]/)?.body.reply_to).toBe(reader.email);
    expect(byTemplate(/We received your message/)?.idempotencyKey).toMatch(
      /^reply:rpl_[a-z0-9]+:crisis-reply$/,
    );
  });
});

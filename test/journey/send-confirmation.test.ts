// send-confirmation and send-goodbye through @inngest/test, with the real mailer and outbox transport.
import { afterEach, describe, expect, it } from "vitest";
import { sends } from "../../src/db/schema.ts";
import { createSendConfirmation } from "../../src/functions/send-confirmation.ts";
import { createSendGoodbye } from "../../src/functions/send-goodbye.ts";
import { verifyToken } from "../../src/lib/tokens.ts";
import { journeyDeps, linkFrom, outboxRows, runFunction, seedSubscriber, suppress } from "./helpers.ts";

let j: ReturnType<typeof journeyDeps> | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

const created = (subscriberId: string) => ({ name: "newsletter/subscriber.created", data: { subscriberId } });
const requested = (subscriberId: string, requestedAt: number) => ({
  name: "newsletter/subscriber.confirmation-requested",
  data: { subscriberId, requestedAt },
});

describe("send-confirmation", () => {
  it("mails a signed confirm link that expires in 7 days, with the crisis footer", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    j = journeyDeps({ now: () => now });
    const { id, email } = await seedSubscriber(j.db, { status: "pending", firstName: "Ana" });
    const { result } = await runFunction(createSendConfirmation(j.deps), created(id));
    expect(result).toMatchObject({ sent: true });

    const [row] = outboxRows(j.sqlite);
    expect(row).toMatchObject({
      key: `${id}:confirm:0`,
      to: email,
      subject: "Please confirm your Hopemark Health subscription",
    });
    expect(row?.text).toMatch(/call or text 988/i);
    const link = linkFrom(row?.text ?? "", "/confirm");
    const token = new URL(link).searchParams.get("token");
    const secret = j.deps.config.tokenSecret;
    expect(await verifyToken(secret, "confirm", token, now)).toEqual({ ok: true, subscriberId: id });
    const in7Days = new Date(now.getTime() + 7 * 86_400_000 - 1000);
    expect(await verifyToken(secret, "confirm", token, in7Days)).toMatchObject({ ok: true });
    const after7Days = new Date(now.getTime() + 7 * 86_400_000 + 1000);
    expect(await verifyToken(secret, "confirm", token, after7Days)).toEqual({ ok: false, reason: "expired" });
    expect(await j.db.select().from(sends)).toEqual([
      expect.objectContaining({ idempotencyKey: `${id}:confirm:0`, kind: "transactional", status: "sent" }),
    ]);
  });

  it("a retried run sends nothing twice; a later legitimate request sends once more", async () => {
    j = journeyDeps();
    const { id } = await seedSubscriber(j.db, { status: "pending" });
    const fn = createSendConfirmation(j.deps);
    await runFunction(fn, created(id));
    const again = await runFunction(fn, created(id));
    expect(again.result).toEqual({ sent: false, reason: "already-sent" });
    await runFunction(fn, requested(id, 1_800_000_000_000));
    await runFunction(fn, requested(id, 1_800_000_000_000));
    expect(outboxRows(j.sqlite).map((r) => r.key)).toEqual([
      `${id}:confirm:0`,
      `${id}:confirm:1800000000000`,
    ]);
  });

  it("sends nothing to active, unsubscribed, unknown or hard-suppressed subscribers", async () => {
    j = journeyDeps();
    const fn = createSendConfirmation(j.deps);
    const active = await seedSubscriber(j.db, { status: "active" });
    const gone = await seedSubscriber(j.db, { status: "unsubscribed" });
    const complained = await seedSubscriber(j.db, { status: "pending" });
    await suppress(j.db, complained.email, "complained");
    expect((await runFunction(fn, created(active.id))).result).toEqual({
      sent: false,
      reason: "status:active",
    });
    expect((await runFunction(fn, created(gone.id))).result).toEqual({
      sent: false,
      reason: "status:unsubscribed",
    });
    expect((await runFunction(fn, created("sub_missing"))).result).toEqual({
      sent: false,
      reason: "not-found",
    });
    expect((await runFunction(fn, created(complained.id))).result).toEqual({
      sent: false,
      reason: "suppressed",
    });
    expect(outboxRows(j.sqlite)).toEqual([]);
  });

  it("an erased person coming back still gets the confirmation that lets them return", async () => {
    j = journeyDeps();
    const back = await seedSubscriber(j.db, { status: "pending" });
    await suppress(j.db, back.email, "erased");
    expect((await runFunction(createSendConfirmation(j.deps), created(back.id))).result).toMatchObject({
      sent: true,
    });
  });
});

describe("send-goodbye", () => {
  const unsubscribed = (subscriberId: string, reason: string) => ({
    name: "newsletter/subscriber.unsubscribed",
    data: { subscriberId, reason },
  });

  it("one note after a visible-link unsubscribe, never twice", async () => {
    j = journeyDeps();
    const { id } = await seedSubscriber(j.db, { status: "unsubscribed" });
    j.sqlite.prepare("update subscribers set unsubscribed_at = 1795000000000 where id = ?").run(id);
    const fn = createSendGoodbye(j.deps);
    expect((await runFunction(fn, unsubscribed(id, "user"))).result).toMatchObject({ sent: true });
    expect((await runFunction(fn, unsubscribed(id, "user"))).result).toEqual({
      sent: false,
      reason: "already-sent",
    });
    const rows = outboxRows(j.sqlite);
    expect(rows.map((r) => r.key)).toEqual([`${id}:goodbye:1795000000000`]);
    expect(rows[0]?.subject).toBe("You have been unsubscribed");
    expect(rows[0]?.text).toContain("http://newsletter.test/");
  });

  it("nothing after a one-click unsubscribe, or when they came back in the meantime", async () => {
    j = journeyDeps();
    const fn = createSendGoodbye(j.deps);
    const oneClick = await seedSubscriber(j.db, { status: "unsubscribed" });
    expect((await runFunction(fn, unsubscribed(oneClick.id, "one-click"))).result).toMatchObject({
      sent: false,
    });
    const back = await seedSubscriber(j.db, { status: "pending" });
    expect((await runFunction(fn, unsubscribed(back.id, "user"))).result).toEqual({
      sent: false,
      reason: "not-unsubscribed",
    });
    expect(outboxRows(j.sqlite)).toEqual([]);
  });
});

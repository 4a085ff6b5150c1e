// GET /api/admin/subscribers/:id/export: everything held about one person, and nothing about anyone else.
import { afterEach, describe, expect, it } from "vitest";
import { hashEmail } from "../../src/lib/email-address.ts";
import type { SubscriberExport } from "../../src/privacy/export.ts";
import { newSecret, resendEvent, sendEvent } from "../delivery/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { ADMIN, alex, allRows, blake, createAlexAndBlake } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const secret = newSecret();
async function setup() {
  t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: secret, TRUST_PROXY: "1" } });
  return createAlexAndBlake(t);
}

async function exportOf(id: string) {
  const res = await t.app.request(`/api/admin/subscribers/${id}/export`, { headers: ADMIN });
  return { res, body: (await res.json()) as SubscriberExport };
}

/** The primary identifier of a row, whichever table it came from. */
function rowKey(row: Record<string, unknown>): string {
  return String(row.id ?? row.email_hash ?? row.key);
}

describe("subscriber export", () => {
  it("contains the person's profile, consents, sends with delivery events, suppression status and events", async () => {
    const { alexId } = await setup();
    // A delivery report for one of Alex's lessons, so a send carries a provider event.
    const [lessonSend] = allRows(t).filter(
      ({ table, row }) => table === "sends" && row.subscriber_id === alexId && row.kind === "lesson",
    );
    const emailId = String(lessonSend?.row.provider_message_id);
    expect((await sendEvent(t, secret, resendEvent("email.delivered", emailId, alex.email))).res.status).toBe(
      200,
    );

    const { res, body } = await exportOf(alexId);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="subscriber-${alexId}.json"`);

    expect(body.profile).toMatchObject({
      id: alexId,
      email: "Alex.Moreau@example.org",
      firstName: "Alexandra",
      status: "active",
    });
    expect(body.consents.map((c) => c.action)).toEqual(["given", "confirmed"]);
    expect(body.consents[0]).toMatchObject({
      ip: alex.ip,
      userAgent: alex.userAgent,
      wordingVersion: expect.any(String),
    });
    // Confirmation, welcome and every lesson.
    expect(body.sends).toHaveLength(2 + t.deps.content.lessons.length);
    const delivered = body.sends.find((s) => s.providerMessageId === emailId);
    expect(delivered?.status).toBe("delivered");
    expect(delivered?.events.map((e) => e.type)).toEqual(["sent", "delivered"]);
    expect(body.suppression).toEqual({
      emailHash: await hashEmail(alex.email),
      suppressed: false,
      reason: null,
      since: null,
    });
    expect(body.outbox.length).toBe(body.sends.length);
    expect(body.events.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        "newsletter/subscriber.created",
        "newsletter/subscriber.confirmed",
        "resend/email.delivered",
      ]),
    );
  });

  it("holds every row of every table that mentions the person, and nothing about anyone else", async () => {
    const { alexId, blakeId } = await setup();
    const { body } = await exportOf(alexId);
    const text = JSON.stringify(body).toLowerCase();

    const alexNeedles = [alexId, alex.email, await hashEmail(alex.email), alex.ip, alex.userAgent];
    const mentioningAlex = allRows(t).filter(({ row }) => {
      const r = JSON.stringify(row).toLowerCase();
      return alexNeedles.some((n) => r.includes(n.toLowerCase()));
    });
    // Every table that holds something about Alex is represented...
    expect(new Set(mentioningAlex.map((r) => r.table))).toEqual(
      new Set(["subscribers", "consents", "sends", "outbox", "pending_events", "rate_limits"]),
    );
    // ...and every one of those rows is in the export.
    for (const { table, row } of mentioningAlex) {
      expect(text, `${table} row ${rowKey(row)}`).toContain(rowKey(row).toLowerCase());
    }

    for (const needle of [
      blakeId,
      blake.email,
      await hashEmail(blake.email),
      blake.firstName,
      blake.ip,
      blake.userAgent,
    ]) {
      expect(text).not.toContain(needle.toLowerCase());
    }
    // Blake's rows by id are not in Alex's export either.
    const blakeRows = allRows(t).filter(({ row }) =>
      JSON.stringify(row).toLowerCase().includes(blakeId.toLowerCase()),
    );
    expect(blakeRows.length).toBeGreaterThan(0);
    for (const { row } of blakeRows) expect(text).not.toContain(rowKey(row).toLowerCase());
  });

  it("reports a suppression by hash", async () => {
    const { alexId } = await setup();
    const [send] = allRows(t).filter(({ table, row }) => table === "sends" && row.subscriber_id === alexId);
    await sendEvent(
      t,
      secret,
      resendEvent("email.complained", String(send?.row.provider_message_id), alex.email),
    );
    const { body } = await exportOf(alexId);
    expect(body.suppression).toMatchObject({
      suppressed: true,
      reason: "complained",
      since: expect.any(String),
    });
    expect(body.profile.status).toBe("complained");
  });

  it("answers 404 for an unknown id, 422 for a malformed one and 401 without the admin token", async () => {
    t = createTestApp();
    const unknown = await t.app.request("/api/admin/subscribers/sub_doesnotexist/export", { headers: ADMIN });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
    const malformed = await t.app.request("/api/admin/subscribers/bad%20id!/export", { headers: ADMIN });
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({
      error: { code: "validation_failed", fields: { id: expect.any(Array) } },
    });
    const anonymous = await t.app.request("/api/admin/subscribers/sub_x/export");
    expect(anonymous.status).toBe(401);
  });
});

// /dev/outbox exists only for the local outbox transport outside production.
import { afterEach, describe, expect, it } from "vitest";
import { devOutboxEnabled } from "../../src/api/dev-outbox.ts";
import { testConfig } from "../../src/config.ts";
import { outbox } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

async function seedMessage(app: TestApp) {
  await app.db.insert(outbox).values({
    id: "msg-1",
    idempotencyKey: "sub_1:confirm:0",
    to: "sam@example.com",
    from: "Hopemark <newsletter@hopemark.test>",
    subject: "Please confirm <your> subscription",
    html: '<p>Confirm: <a href="http://newsletter.test/confirm?token=abc.def">here</a></p>',
    text: "Confirm: http://newsletter.test/confirm?token=abc.def",
    headers: { "List-Unsubscribe": "<http://newsletter.test/api/unsubscribe?token=x.y>" },
    tags: [{ name: "template", value: "confirm-subscription" }],
    createdAt: new Date("2026-11-27T10:00:00Z"),
  });
}

describe("dev outbox", () => {
  it("lists messages as JSON with to, subject, html, text, headers and time", async () => {
    t = createTestApp();
    await seedMessage(t);
    const res = await t.app.request("/dev/outbox.json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      expect.objectContaining({
        id: "msg-1",
        to: "sam@example.com",
        subject: "Please confirm <your> subscription",
        html: expect.stringContaining("<a href="),
        text: "Confirm: http://newsletter.test/confirm?token=abc.def",
        headers: { "List-Unsubscribe": "<http://newsletter.test/api/unsubscribe?token=x.y>" },
        time: "2026-11-27T10:00:00.000Z",
      }),
    ]);
  });

  it("an HTML list, and each message viewable with its links clickable and its HTML sandboxed", async () => {
    t = createTestApp();
    await seedMessage(t);
    const list = await (await t.app.request("/dev/outbox")).text();
    expect(list).toContain('<a href="/dev/outbox/msg-1">Please confirm &lt;your&gt; subscription</a>');
    const view = await t.app.request("/dev/outbox/msg-1");
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain('<a href="http://newsletter.test/confirm?token=abc.def">');
    expect(html).toMatch(/<iframe title="HTML part of the message" sandbox srcdoc="&lt;p&gt;Confirm/);
    expect((await t.app.request("/dev/outbox/nope")).status).toBe(404);
  });

  it("is not mounted with the Resend transport, and never in production", async () => {
    t = createTestApp({ env: { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_123" } });
    expect((await t.app.request("/dev/outbox")).status).toBe(404);
    expect((await t.app.request("/dev/outbox.json")).status).toBe(404);
    expect(devOutboxEnabled({ ...testConfig(), isProduction: true })).toBe(false);
    expect(devOutboxEnabled(testConfig())).toBe(true);
  });
});

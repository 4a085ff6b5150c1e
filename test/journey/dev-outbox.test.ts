// /dev/outbox exists only for the local outbox transport outside production.
import { afterEach, describe, expect, it } from "vitest";
import { devOutboxEnabled } from "../../src/api/dev-outbox.ts";
import { outbox } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { testConfig } from "../helpers/config.ts";

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
    expect(html).toContain(
      '<a href="http://newsletter.test/confirm?token=abc.def" target="_blank" rel="noopener">',
    );
    // Still no scripts and no same-origin access; links may open a new tab, and every one does.
    expect(html).toMatch(
      /<iframe title="HTML part of the message" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;p&gt;Confirm/,
    );
    expect((await t.app.request("/dev/outbox/nope")).status).toBe(404);
  });

  it("lists links without the sentence's full stop, opens them in a new tab, and wraps long text", async () => {
    t = createTestApp();
    await t.db.insert(outbox).values({
      id: "msg-2",
      idempotencyKey: "sub_1:lesson-1",
      to: "sam@example.com",
      from: "Hopemark <newsletter@hopemark.test>",
      subject: "Lesson",
      html: '<html><head><title>x</title></head><body><a href="https://988lifeline.org">chat</a></body></html>',
      text: `Chat at https://988lifeline.org. Or read http://newsletter.test/${"a".repeat(300)}, then stop.`,
      headers: {},
      tags: [],
      createdAt: new Date("2026-11-27T10:00:00Z"),
    });
    const html = await (await t.app.request("/dev/outbox/msg-2")).text();
    const linkList = html.slice(html.indexOf("Links in this message"), html.indexOf("HTML part"));
    expect(
      [...linkList.matchAll(/<li><a href="([^"]+)" target="_blank" rel="noopener">/g)].map((m) => m[1]),
    ).toEqual(["https://988lifeline.org", `http://newsletter.test/${"a".repeat(300)}`]);
    // The base element goes inside the email's own head.
    expect(html).toContain(
      'srcdoc="&lt;html&gt;&lt;head&gt;&lt;base target=&quot;_blank&quot;&gt;&lt;title&gt;',
    );
    expect(html).toMatch(/<ul style="overflow-wrap:anywhere/);
    expect(html).toMatch(/<pre style="white-space:pre-wrap;overflow-wrap:anywhere/);
  });

  it("says how many events wait for the Inngest dev server, and the command that starts it", async () => {
    t = createTestApp();
    expect(await (await t.app.request("/dev/outbox")).text()).not.toContain(
      "waiting for the Inngest dev server",
    );
    t.inngestApi.failing = true;
    const signup = await t.app.request("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "sam@example.com", consent: true }),
    });
    expect(signup.status).toBe(202);
    const command =
      "npx --yes --ignore-scripts=false --foreground-scripts inngest-cli@latest dev -u http://newsletter.test/api/inngest";
    for (const path of ["/dev/outbox", "/check-your-inbox"]) {
      const page = await (await t.app.request(path)).text();
      expect(page).toContain("<strong>1 event is waiting for the Inngest dev server</strong>");
      expect(page).toContain(`<pre>${command}</pre>`);
    }
  });

  it("is not mounted with the Resend transport, and never in production", async () => {
    t = createTestApp({ env: { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_123" } });
    expect((await t.app.request("/dev/outbox")).status).toBe(404);
    expect((await t.app.request("/dev/outbox.json")).status).toBe(404);
    expect(devOutboxEnabled({ ...testConfig(), isProduction: true })).toBe(false);
    expect(devOutboxEnabled(testConfig())).toBe(true);
  });
});

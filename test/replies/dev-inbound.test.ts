// The development acceptance path: subscribe, confirm, paste "I don't want to be here any more" at /dev/inbound,
// and the outbox shows the crisis auto-reply to the reader and the [URGENT] alert to the team inbox. The pasted
// reply goes through the same event and the same triage-reply function as one received through Resend.
import { afterEach, describe, expect, it } from "vitest";
import { devInbox } from "../../src/db/schema.ts";
import { createSendConfirmation } from "../../src/functions/send-confirmation.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { APP_URL, linkFrom, pageText, postForm, postJson, runFunction } from "../journey/helpers.ts";
import { runTriage, sentReplyEvent, TEAM } from "./helpers.ts";

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

type OutboxJson = { to: string; subject: string; text: string; headers: Record<string, string> }[];
const outbox = async (app: TestApp) =>
  (await (await app.app.request("/dev/outbox.json")).json()) as OutboxJson;

describe("/dev/inbound", () => {
  it("subscribe, confirm, paste a crisis reply: the outbox shows the auto-reply and the [URGENT] alert", async () => {
    t = createTestApp();
    const posted = await postForm(t.app, "/api/subscribe", {
      email: "sam@example.com",
      firstName: "Sam",
      consent: "yes",
      country: "CA",
      website: "",
    });
    expect(posted.status).toBe(303);
    const created = t.inngestApi.named("newsletter/subscriber.created")[0];
    await runFunction(createSendConfirmation(t.deps), {
      name: created?.name ?? "",
      data: created?.data ?? {},
    });
    const [confirmation] = await outbox(t);
    expect(confirmation?.headers["Reply-To"]).toBe("replies@hopemark.test");
    const confirmPage = await pageText(
      await t.app.request(linkFrom(confirmation?.text ?? "", "/confirm").replace(APP_URL, "")),
    );
    const token = /name="token" value="([^"]+)"/.exec(confirmPage)?.[1] ?? "";
    expect(await pageText(await postForm(t.app, "/confirm", { token }))).toContain("You're subscribed");

    const form = await t.app.request("/dev/inbound");
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('action="/dev/inbound"');
    const pasted = await postForm(t.app, "/dev/inbound", {
      from: "sam@example.com",
      subject: "Re: Welcome to the Hopemark Health newsletter",
      text: "I don't want to be here any more",
    });
    expect(pasted.status).toBe(303);
    expect(pasted.headers.get("location")).toBe("/dev/inbound?queued=1");

    const [stored] = await t.db.select().from(devInbox);
    await runTriage(t, sentReplyEvent(t, "local", stored?.id ?? ""));
    const messages = await outbox(t);
    const answer = messages.find(
      (m) => m.to === "sam@example.com" && m.subject === "We received your message",
    );
    expect(answer?.text).toMatch(/call or text 9-8-8/i);
    expect(answer?.text).toContain("Hi Sam,");
    const alert = messages.find((m) => m.to === TEAM);
    expect(alert?.subject).toMatch(/^\[URGENT\]/);
    expect(alert?.text).toContain("I don't want to be here any more");
  });

  it("the JSON endpoint answers 202 with the queued event, which carries neither the address nor the words", async () => {
    t = createTestApp();
    const ok = await postJson(t.app, "/dev/inbound.json", { from: "a@example.com", text: "unsubscribe" });
    expect(ok.status).toBe(202);
    const body = (await ok.json()) as { status: string; id: string; eventId: string };
    expect(body).toMatchObject({ status: "queued", eventId: `reply:local:${body.id}` });
    expect(t.inngestApi.named("newsletter/reply.received").map((e) => e.id)).toEqual([body.eventId]);
    // The event carries where the message is, never the address or the words.
    expect(JSON.stringify(t.inngestApi.events)).not.toContain("a@example.com");
  });

  it("the JSON endpoint answers 422 with field messages for bad input, and 400 for malformed JSON", async () => {
    t = createTestApp();
    const bad = await postJson(t.app, "/dev/inbound.json", { from: "not-an-address", text: 5 });
    expect(bad.status).toBe(422);
    const error = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(error.error.fields).sort()).toEqual(["from", "text"]);
    expect(
      (
        await t.app.request("/dev/inbound.json", {
          method: "POST",
          body: "{",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
  });

  it("the form answers 422 with a message when the sender is missing", async () => {
    t = createTestApp();
    const form = await postForm(t.app, "/dev/inbound", { from: "", text: "hi" });
    expect(form.status).toBe(422);
    expect(await form.text()).toContain("Enter the reader");
  });

  it("is not mounted without the local outbox (and so never in production)", async () => {
    t = createTestApp({ env: { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_x" } });
    expect((await t.app.request("/dev/inbound")).status).toBe(404);
    expect((await postJson(t.app, "/dev/inbound.json", { from: "a@example.com" })).status).toBe(404);
  });
});

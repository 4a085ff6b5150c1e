// The broadcast over the wire: the real Resend SDK and transport against a local stub of the batch endpoint.
// One page is one POST /emails/batch with the page's idempotency key; a 429 becomes RetryAfterError with the
// server's retry-after; a repeated page is answered from the idempotency cache, not delivered twice.
import { RetryAfterError } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { sendCampaignPage } from "../../src/campaigns/broadcast.ts";
import { mailStep } from "../../src/functions/mail-step.ts";
import { type ResendStub, startResendStub } from "../../test-support/resend-stub.ts";
import type { TestApp } from "../helpers/app.ts";
import { campaignRow, campaignSends, createAndSend, runBroadcast, seed, setup } from "./helpers.ts";

let t: TestApp;
let stub: ResendStub;
afterEach(async () => {
  t?.close();
  await stub?.close();
});

async function resendApp() {
  stub = await startResendStub({ keepEmails: true });
  t = setup({ env: { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: stub.url } });
  expect(t.deps.mailer.transport).toBe("resend");
}

describe("broadcast through the Resend SDK", () => {
  it("sends one batch call per page with the page's idempotency key and records provider ids", async () => {
    await resendApp();
    const people = await seed(t, { count: 150 });
    const id = await createAndSend(t);
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "finished", sent: 150 });
    expect(stub.stats).toMatchObject({ calls: 2, emails: 150, replays: 0 });
    expect(stub.stats.keys).toEqual([`${id}:${people[0]?.id}`, `${id}:${people[100]?.id}`]);

    const email = stub.emails[0];
    expect(email?.to).toBe(people[0]?.email);
    expect(email?.from).toBe("Hopemark Health <newsletter@hopemark.test>");
    expect(email?.headers?.["List-Unsubscribe"]).toMatch(
      /^<http:\/\/newsletter\.test\/api\/unsubscribe\?token=/,
    );
    expect(email?.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(email?.tags).toEqual([{ name: "campaign", value: id }]);
    expect(email?.html).toContain("Hi Reader0,");

    const rows = await campaignSends(t, id);
    expect(rows).toHaveLength(150);
    expect(rows.every((r) => r.providerMessageId?.startsWith("re_"))).toBe(true);
    expect((await campaignRow(t, id)).status).toBe("sent");
  });

  it("turns a 429 into RetryAfterError with the server's wait, and the retry sends the page once", async () => {
    await resendApp();
    await seed(t, { count: 30 });
    const id = await createAndSend(t);
    stub.rateLimitNext("3");
    // Through the page step's edge, where the mail layer's rate-limit error becomes Inngest's.
    const attempt = mailStep(() =>
      sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 }),
    );
    await expect(attempt).rejects.toBeInstanceOf(RetryAfterError);
    // Inngest keeps the wait in whole seconds: the server's "retry-after: 3".
    await expect(attempt).rejects.toMatchObject({ retryAfter: "3" });
    expect(await campaignSends(t, id)).toHaveLength(0);

    const retry = await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 });
    expect(retry).toMatchObject({ sent: 30, more: false });
    expect(stub.stats).toMatchObject({ calls: 2, rateLimited: 1, emails: 30 });
  });

  it("a page repeated after a lost response is answered from the idempotency cache, not delivered again", async () => {
    await resendApp();
    await seed(t, { count: 40 });
    const id = await createAndSend(t);
    // The first attempt reached the provider, then the step died before recording: simulate by deleting what it
    // recorded, exactly the state a crash between the provider call and the database write leaves.
    await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 });
    const firstIds = (await campaignSends(t, id)).map((r) => r.providerMessageId).sort();
    t.sqlite.prepare("delete from sends where campaign_id = ?").run(id);
    t.sqlite.prepare("update campaigns set sent_count = 0 where id = ?").run(id);

    const retry = await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 });
    expect(retry.sent).toBe(40);
    expect(stub.stats).toMatchObject({ calls: 2, replays: 1, emails: 40 });
    expect((await campaignSends(t, id)).map((r) => r.providerMessageId).sort()).toEqual(firstIds);
  });
});

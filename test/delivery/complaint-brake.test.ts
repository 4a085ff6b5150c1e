// The complaint-rate brake: from 1,000 delivered, a complaint rate above 0.1% pauses the campaign.
import { afterEach, describe, expect, it } from "vitest";
import { sendCampaignPage } from "../../src/campaigns/broadcast.ts";
import { complaintBrakeTripped } from "../../src/delivery/complaint-brake.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  getCampaign,
  newSecret,
  postWebhook,
  resendEvent,
  seedCampaign,
  seedSend,
  seedSubscriber,
  sendEvent,
  svixHeaders,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const secret = newSecret();
let n = 0;

async function setup(campaign: Parameters<typeof seedCampaign>[1]) {
  t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: secret } });
  return seedCampaign(t, campaign);
}

/** A campaign send to a new subscriber, then the given webhook for it. */
async function webhookFor(campaignId: string, type: "email.delivered" | "email.complained") {
  const email = `reader${++n}@example.org`;
  const subscriberId = await seedSubscriber(t, email);
  const emailId = `em_c${n}`;
  await seedSend(t, {
    subscriberId,
    providerMessageId: emailId,
    campaignId,
    status: type === "email.delivered" ? "sent" : "delivered",
  });
  const { res } = await sendEvent(t, secret, resendEvent(type, emailId, email));
  expect(res.status).toBe(200);
  return { emailId, email };
}

describe("complaint-rate brake", () => {
  it("the pure rule: at least 1,000 delivered and strictly above 0.1%", () => {
    expect(complaintBrakeTripped(999, 5)).toBe(false);
    expect(complaintBrakeTripped(1000, 1)).toBe(false);
    expect(complaintBrakeTripped(1000, 2)).toBe(true);
    expect(complaintBrakeTripped(2000, 2)).toBe(false);
    expect(complaintBrakeTripped(1999, 2)).toBe(true);
  });

  it("just below the threshold (exactly 0.1%: 2 of 2,000) the campaign keeps sending", async () => {
    const campaignId = await setup({ delivered: 2000, complained: 1 });
    await webhookFor(campaignId, "email.complained");
    expect(await getCampaign(t, campaignId)).toMatchObject({
      status: "sending",
      statusReason: null,
      deliveredCount: 2000,
      complainedCount: 2,
    });
  });

  it("just above the threshold (2 of 1,999 = 0.1001%) the campaign is paused and the reason gives the figures", async () => {
    const campaignId = await setup({ delivered: 1999, complained: 1 });
    await webhookFor(campaignId, "email.complained");
    const campaign = await getCampaign(t, campaignId);
    expect(campaign).toMatchObject({ status: "paused", deliveredCount: 1999, complainedCount: 2 });
    expect(campaign?.statusReason).toContain("2 complaints out of 1999 delivered (0.1001%)");
    expect(campaign?.statusReason).toMatch(/complaint-rate brake/);
    expect(campaign?.statusReason).toMatch(/0\.1% limit/);
    expect(t.logLines.some((l) => l.includes("campaign paused by the complaint-rate brake"))).toBe(true);
  });

  it("waits for 1,000 deliveries, then a delivery alone can trip it", async () => {
    const campaignId = await setup({ delivered: 998, complained: 2 });
    await webhookFor(campaignId, "email.delivered");
    expect(await getCampaign(t, campaignId)).toMatchObject({ status: "sending", deliveredCount: 999 });
    await webhookFor(campaignId, "email.delivered");
    expect(await getCampaign(t, campaignId)).toMatchObject({
      status: "paused",
      deliveredCount: 1000,
      complainedCount: 2,
    });
  });

  it("a scheduled campaign is paused too; a finished one only has its counters updated", async () => {
    const scheduled = await setup({ status: "scheduled", delivered: 1000, complained: 1 });
    await webhookFor(scheduled, "email.complained");
    expect((await getCampaign(t, scheduled))?.status).toBe("paused");

    const finished = await seedCampaign(t, { status: "sent", delivered: 1000, complained: 1 });
    await webhookFor(finished, "email.complained");
    expect(await getCampaign(t, finished)).toMatchObject({
      status: "sent",
      statusReason: null,
      complainedCount: 2,
    });
  });

  it("a replayed complaint is counted once, and so is a second complaint about the same message", async () => {
    const campaignId = await setup({ delivered: 1000, complained: 0 });
    const subscriberId = await seedSubscriber(t, "twice@example.org");
    await seedSend(t, { subscriberId, providerMessageId: "em_twice", campaignId, status: "delivered" });
    const body = JSON.stringify(resendEvent("email.complained", "em_twice", "twice@example.org"));
    const headers = svixHeaders(body, { secret });
    await postWebhook(t, body, headers);
    await postWebhook(t, body, headers);
    await sendEvent(t, secret, resendEvent("email.complained", "em_twice", "twice@example.org"));
    expect(await getCampaign(t, campaignId)).toMatchObject({ status: "sending", complainedCount: 1 });
  });

  it("counts a message the provider failed to send once in the campaign's failed count", async () => {
    const campaignId = await setup({});
    const subscriberId = await seedSubscriber(t, "failing@example.org");
    await seedSend(t, { subscriberId, providerMessageId: "em_fail", campaignId });
    const failed = resendEvent("email.failed", "em_fail", "failing@example.org", {
      failed: { reason: "reached_daily_quota" },
    });
    await sendEvent(t, secret, failed);
    await sendEvent(t, secret, failed);
    expect(await getCampaign(t, campaignId)).toMatchObject({ failedCount: 1, deliveredCount: 0 });
  });

  it("counts a delivery once per message, even if Resend reports it twice", async () => {
    const campaignId = await setup({});
    const { emailId, email } = await webhookFor(campaignId, "email.delivered");
    await sendEvent(t, secret, resendEvent("email.delivered", emailId, email));
    expect((await getCampaign(t, campaignId))?.deliveredCount).toBe(1);
  });

  it("the broadcast sends no further page once the brake has paused the campaign", async () => {
    const campaignId = await setup({ delivered: 1999, complained: 1 });
    await seedSubscriber(t, "first.page@example.org");
    const before = await sendCampaignPage(t.deps, { campaignId, afterId: null }, { minPageMs: 0 });
    expect(before.stopped).toBe(false);
    expect(before.sent).toBeGreaterThan(0);
    await webhookFor(campaignId, "email.complained");
    await seedSubscriber(t, "next.page@example.org");
    const after = await sendCampaignPage(t.deps, { campaignId, afterId: null }, { minPageMs: 0 });
    expect(after).toMatchObject({ stopped: true, status: "paused", sent: 0 });
  });
});

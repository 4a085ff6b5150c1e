// A test send of a campaign to a few addresses, before the real one.
import { atomic } from "../db/client.ts";
import { sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { randomId } from "../lib/ids.ts";
import type { Recipient } from "./audience.ts";
import { loadCampaign } from "./broadcast.ts";
import { buildCampaignMessages } from "./build-emails.ts";
import { createVariantCache, sanitiseFirstName } from "./personalise.ts";
import { notFound, type Result } from "./result.ts";

type Deps = Pick<AppDeps, "config" | "content" | "db" | "mailer" | "logger" | "now">;

/**
 * Renders the campaign as a test (subject and banner say so) and sends it to up to five addresses. Recorded as
 * sends of kind "test" with no subscriber; the campaign's status and counts do not change.
 */
export async function testSend(
  deps: Deps,
  id: string,
  input: { to: string[]; firstName?: string | undefined },
): Promise<Result<{ sent: number }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  const request = crypto.randomUUID();
  // The unsubscribe links point at a subscriber id that does not exist: they work as links and change nothing.
  const recipients: Recipient[] = input.to.map((email) => ({
    id: `test_${campaign.id}`,
    email,
    firstName: sanitiseFirstName(input.firstName),
    locale: "en",
    country: null,
  }));
  const messages = await buildCampaignMessages(deps, campaign, recipients, {
    cache: createVariantCache(4),
    isTest: true,
    idempotencyKey: (r) => `test:${campaign.id}:${request}:${recipients.indexOf(r)}`,
    tags: [
      { name: "campaign", value: campaign.id },
      { name: "test", value: "true" },
    ],
  });
  let results: { providerMessageId: string }[];
  try {
    results = await deps.mailer.sendBatch(messages, { idempotencyKey: `test:${campaign.id}:${request}` });
  } catch (error) {
    deps.logger.error("campaign test send failed", { campaignId: id, error });
    return {
      ok: false,
      code: "send_failed",
      message: "The test email could not be sent; the server log has the reason.",
    };
  }
  const at = deps.now();
  await atomic(
    deps.db,
    messages.map((m, i) =>
      deps.db
        .insert(sends)
        .values({
          id: randomId("snd"),
          idempotencyKey: m.idempotencyKey,
          kind: "test",
          templateId: "campaign",
          campaignId: campaign.id,
          subscriberId: null,
          providerMessageId: results[i]?.providerMessageId ?? null,
          status: "sent",
          events: [{ type: "sent", at: at.getTime() }],
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing(),
    ),
  );
  return { ok: true, sent: messages.length };
}

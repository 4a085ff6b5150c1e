// Turns a campaign and a page of recipients into the messages the Mailer sends. Shared by the broadcast page
// step, the test-send endpoint and the benchmark, so all three produce exactly the same email.
import type { Config } from "../config.ts";
import { authorById, type Content, campaignTemplateById } from "../content/index.ts";
import type { campaigns } from "../db/schema.ts";
import { unsubscribeHeaders } from "../emails/render.ts";
import { unsubscribeUrls } from "../lib/tokens.ts";
import type { OutgoingEmail } from "../mail/types.ts";
import type { Recipient } from "./audience.ts";
import {
  type CampaignBaseProps,
  type CompiledVariant,
  fingerprint,
  personalise,
  renderVariant,
  sanitiseFirstName,
  type VariantCache,
  variantKey,
} from "./personalise.ts";

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignContent = Pick<
  Campaign,
  "id" | "templateId" | "subject" | "preheader" | "bodyMarkdown" | "authorId" | "sources"
>;

/** What a render reads: the content, and the approval when there is one (shown as "Reviewed by"). */
export type CampaignRenderInput = CampaignContent &
  Partial<Pick<Campaign, "reviewState" | "approvedName" | "approvedTitle" | "approvedAt">>;

export type MessageDeps = { config: Config; content: Content };

import { emailContext } from "../emails/context.ts";

/**
 * The campaign's render input. The reviewer is the clinical review of this campaign (the approval, which is of
 * exactly this content: an edit voids it); before one exists (a test send of a draft), a campaign made from a
 * template still names the template's own reviewer and review date.
 */
export function campaignBaseProps(
  content: Content,
  campaign: CampaignRenderInput,
  isTest = false,
): CampaignBaseProps {
  const template = campaignTemplateById(content, campaign.templateId);
  const approval =
    campaign.reviewState === "approved" &&
    campaign.approvedName &&
    campaign.approvedTitle &&
    campaign.approvedAt
      ? {
          name: campaign.approvedName,
          role: campaign.approvedTitle,
          on: campaign.approvedAt.toISOString().slice(0, 10),
        }
      : undefined;
  return {
    subject: campaign.subject,
    preheader: campaign.preheader,
    bodyMarkdown: campaign.bodyMarkdown,
    author: authorById(content, campaign.authorId),
    reviewer: approval
      ? { name: approval.name, role: approval.role }
      : template?.reviewer
        ? authorById(content, template.reviewer)
        : undefined,
    reviewedOn: approval ? approval.on : template?.reviewer ? template.reviewedOn : undefined,
    sources: campaign.sources,
    isTest,
  };
}

export type BuildOptions = {
  cache: VariantCache;
  isTest?: boolean;
  /** Per message; also the provider-side key of the single email. */
  idempotencyKey: (recipient: Recipient) => string;
  /** The message kind recorded in tags; "campaign" for broadcasts. */
  tags: { name: string; value: string }[];
};

/**
 * One message per recipient, in the recipients' order. Variants are rendered (or taken from the cache) first,
 * then the unsubscribe tokens are signed concurrently, then each message is assembled by substitution.
 */
export async function buildCampaignMessages(
  deps: MessageDeps,
  campaign: CampaignRenderInput,
  recipients: readonly Recipient[],
  options: BuildOptions,
): Promise<OutgoingEmail[]> {
  const base = campaignBaseProps(deps.content, campaign, options.isTest ?? false);
  const contentKey = fingerprint(
    JSON.stringify([base, deps.config.appUrl, deps.config.mail.postalAddress, deps.content.sender]),
  );

  const names = recipients.map((r) => sanitiseFirstName(r.firstName));
  const variants = new Map<string, CompiledVariant>();
  const keys = recipients.map((r, i) => variantKey(r, names[i] !== null));
  for (let i = 0; i < recipients.length; i++) {
    const key = keys[i] as string;
    if (variants.has(key)) continue;
    const recipient = recipients[i] as Recipient;
    const named = names[i] !== null;
    variants.set(
      key,
      await options.cache.get(`${campaign.id}:${contentKey}:${key}`, () =>
        renderVariant(base, emailContext(deps, recipient), named),
      ),
    );
  }

  const { appUrl, tokenSecret } = deps.config;
  // One signature per recipient serves both links (same token); signing is most of the per-recipient cost.
  const links = await Promise.all(
    recipients.map((r) => unsubscribeUrls(appUrl, tokenSecret, r.id, { campaignId: campaign.id })),
  );

  return recipients.map((recipient, i) => {
    const { pageUrl, oneClickUrl, preferencesUrl } = links[i] as Awaited<ReturnType<typeof unsubscribeUrls>>;
    const variant = variants.get(keys[i] as string) as CompiledVariant;
    const personal = personalise(variant, {
      firstName: names[i] ?? null,
      unsubscribeUrl: pageUrl,
      preferencesUrl,
    });
    return {
      to: recipient.email,
      subject: personal.subject,
      html: personal.html,
      text: personal.text,
      headers: unsubscribeHeaders(oneClickUrl),
      tags: options.tags,
      idempotencyKey: options.idempotencyKey(recipient),
      templateId: "campaign",
      kind: "marketing",
      advertising: true,
    } satisfies OutgoingEmail;
  });
}

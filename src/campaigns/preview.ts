// What a campaign will look like and what the content safety check says about it, for content that may not be
// saved yet (the console's live preview, as the marketer types). The same render as a real send (campaignBaseProps
// and the campaign email) for an example reader in the US without a first name, and the same linter as create and
// send; nothing is written and nothing is sent.
import type { AppDeps } from "../deps.ts";
import { emailContext } from "../emails/context.ts";
import { renderEmail } from "../emails/render.ts";
import type { Finding } from "../lint/index.ts";
import { type CampaignRenderInput, campaignBaseProps } from "./build-emails.ts";
import { checkContent } from "./content-check.ts";

export type PreviewInput = Pick<
  CampaignRenderInput,
  "subject" | "preheader" | "bodyMarkdown" | "authorId" | "sources" | "templateId"
> &
  Partial<Pick<CampaignRenderInput, "reviewState" | "approvedName" | "approvedTitle" | "approvedAt">>;

export type CampaignPreview = {
  subject: string;
  preheader: string;
  /** Null when the content cannot be rendered yet (no known author, or an empty body); findings say why. */
  html: string | null;
  text: string | null;
  findings: Finding[];
  errors: number;
  warnings: number;
};

/** The link the preview's unsubscribe footer shows: our page, which explains an invalid link and changes nothing. */
const PREVIEW_UNSUBSCRIBE = "/unsubscribe?token=preview";
const PREVIEW_PREFERENCES = "/preferences?token=preview";

export async function previewCampaign(
  deps: Pick<AppDeps, "config" | "content" | "now">,
  input: PreviewInput,
): Promise<CampaignPreview> {
  const lint = checkContent(deps, { ...input, name: input.subject });
  const known = deps.content.authors.some((a) => a.id === input.authorId);
  let html: string | null = null;
  let text: string | null = null;
  if (known && input.bodyMarkdown.trim() !== "") {
    const base = campaignBaseProps(deps.content, { id: "preview", ...input });
    const rendered = await renderEmail("campaign", {
      ...base,
      ctx: emailContext(deps, { locale: "en", country: "US" }),
      firstName: null,
      unsubscribeUrl: `${deps.config.appUrl}${PREVIEW_UNSUBSCRIBE}`,
      preferencesUrl: `${deps.config.appUrl}${PREVIEW_PREFERENCES}`,
    });
    html = rendered.html;
    text = rendered.text;
  }
  return {
    subject: input.subject,
    preheader: input.preheader,
    html,
    text,
    findings: lint.findings,
    errors: lint.errors,
    warnings: lint.warnings,
  };
}

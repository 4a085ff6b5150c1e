// The content safety check for a campaign: the linter over what the campaign says, at creation and again before
// it is sent (reviews age; templates get reviewed), with its errors as field messages for the marketer.
import { campaignTemplateById } from "../content/index.ts";
import type { AppDeps } from "../deps.ts";
import { type Finding, lintForSending } from "../lint/index.ts";
import type { Campaign, CampaignContent } from "./build-emails.ts";
import type { Failure, Result } from "./result.ts";
import type { CreateCampaignInput } from "./schemas.ts";

type Deps = Pick<AppDeps, "content" | "now">;

export type ResolvedContent = Omit<CampaignContent, "id"> & {
  name: string;
  reviewer?: string;
  reviewedOn?: string;
};

export function resolveContent(deps: Deps, input: CreateCampaignInput): Result<{ content: ResolvedContent }> {
  if (input.templateId !== undefined) {
    const template = campaignTemplateById(deps.content, input.templateId);
    if (!template) {
      return {
        ok: false,
        code: "validation_failed",
        message: "Some fields are invalid.",
        fields: { templateId: [`No campaign template "${input.templateId}" in templates/campaigns/.`] },
      };
    }
    return {
      ok: true,
      content: {
        name: input.name ?? template.name ?? template.subject,
        templateId: template.id,
        subject: template.subject,
        preheader: template.preheader,
        bodyMarkdown: template.body,
        authorId: template.author,
        sources: template.sources.map((s) => ({ claim: s.claim, citation: s.citation })),
        ...(template.reviewer ? { reviewer: template.reviewer } : {}),
        ...(template.reviewedOn ? { reviewedOn: template.reviewedOn } : {}),
      },
    };
  }
  // The schema guarantees these for inline content.
  const subject = input.subject ?? "";
  return {
    ok: true,
    content: {
      name: input.name ?? subject,
      templateId: null,
      subject,
      preheader: input.preheader ?? "",
      bodyMarkdown: input.bodyMarkdown ?? "",
      authorId: input.authorId ?? "",
      sources: (input.sources ?? []).map((s) => ({ claim: s.claim, citation: s.citation })),
    },
  };
}

export function checkContent(deps: Deps, content: ResolvedContent) {
  return lintForSending(
    { ...content, author: content.authorId },
    { authors: deps.content, today: deps.now() },
  );
}

export function unsafe(findings: Finding[]): Failure {
  const errors = findings.filter((f) => f.severity === "error");
  const fields: Record<string, string[]> = {};
  for (const f of errors) {
    const key = f.field === "body" ? "bodyMarkdown" : f.field === "author" ? "authorId" : (f.field ?? "_");
    fields[key] = [...(fields[key] ?? []), f.message];
  }
  return {
    ok: false,
    code: "content_unsafe",
    message: `The content safety check found ${errors.length} error(s); fix them before this campaign can be created or sent.`,
    fields,
    findings,
  };
}

/** Lint again with today's date and the template's current reviewer (reviews age; templates get reviewed). */
export function relint(deps: Deps, campaign: Campaign) {
  const template = campaignTemplateById(deps.content, campaign.templateId);
  return checkContent(deps, {
    name: campaign.name,
    templateId: campaign.templateId,
    subject: campaign.subject,
    preheader: campaign.preheader,
    bodyMarkdown: campaign.bodyMarkdown,
    authorId: campaign.authorId,
    sources: campaign.sources,
    ...(template?.reviewer ? { reviewer: template.reviewer } : {}),
    ...(template?.reviewedOn ? { reviewedOn: template.reviewedOn } : {}),
  });
}

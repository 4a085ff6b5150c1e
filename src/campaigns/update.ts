// Editing a draft. The same content safety check as creation; and when what the campaign says changes (subject,
// preheader, body, author or sources: its content hash), a submission or approval is voided in the same batch,
// with a "voided" step in the review history, so nothing edited after review can be sent.
import { and, eq, sql } from "drizzle-orm";
import { type AtomicStatement, atomic } from "../db/client.ts";
import { campaigns } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import type { Finding } from "../lint/index.ts";
import { type Actor, actorId, actorName, actorVia } from "./actor.ts";
import { loadCampaign } from "./broadcast.ts";
import { relint, unsafe } from "./content-check.ts";
import { contentHash } from "./content-hash.ts";
import { notFound, type Result } from "./result.ts";
import { reviewStatements } from "./review-record.ts";
import type { UpdateCampaignInput } from "./schemas.ts";
import { type CampaignView, campaignView } from "./view.ts";

type Deps = Pick<AppDeps, "content" | "db" | "now">;

export async function updateCampaign(
  deps: Deps,
  id: string,
  input: UpdateCampaignInput,
  actor: Actor,
): Promise<Result<{ campaign: CampaignView; warnings: Finding[]; voided: boolean }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (campaign.status !== "draft") {
    return {
      ok: false,
      code: "invalid_state",
      message: `Only a draft can be edited (the campaign is ${campaign.status}).`,
    };
  }
  const next = {
    name: input.name ?? campaign.name,
    templateId: campaign.templateId,
    subject: input.subject ?? campaign.subject,
    preheader: input.preheader ?? campaign.preheader,
    bodyMarkdown: input.bodyMarkdown ?? campaign.bodyMarkdown,
    authorId: input.authorId ?? campaign.authorId,
    sources: input.sources
      ? input.sources.map((s) => ({ claim: s.claim, citation: s.citation }))
      : campaign.sources,
  };
  // As relint does before a send: the template's own reviewer and date still count for the review-age rule.
  const result = relint(deps, { ...campaign, ...next });
  if (result.errors > 0) return unsafe(result.findings);
  const warnings = result.findings.filter((f) => f.severity === "warning");

  const [before, after] = await Promise.all([contentHash(campaign), contentHash(next)]);
  const contentChanged = before !== after;
  // A campaign sent back stays "returned" (its comment still applies) until it is submitted again.
  const voids =
    contentChanged && (campaign.reviewState === "approved" || campaign.reviewState === "in_review");
  const now = deps.now();
  const statements: AtomicStatement[] = [
    deps.db
      .update(campaigns)
      .set({
        ...next,
        audience: input.audience ?? campaign.audience,
        lintWarnings: warnings,
        ...(contentChanged ? { updatedBy: actorId(actor) } : {}),
        ...(voids
          ? {
              reviewState: "none" as const,
              submittedBy: null,
              submittedAt: null,
              approvedBy: null,
              approvedName: null,
              approvedTitle: null,
              approvedAt: null,
              approvedHash: null,
            }
          : {}),
        updatedAt: now,
      })
      .where(
        and(eq(campaigns.id, id), eq(campaigns.status, "draft"), eq(campaigns.updatedAt, campaign.updatedAt)),
      ),
  ];
  if (voids) {
    statements.push(
      ...reviewStatements(
        deps.db,
        {
          campaignId: id,
          action: "voided",
          person: { id: actorId(actor), name: actorName(actor) },
          via: actorVia(actor),
          comment:
            campaign.reviewState === "approved"
              ? "Edited after approval: the approval no longer applies."
              : "Edited during review: the submission was withdrawn.",
          contentHash: after,
          at: now,
        },
        actor,
        sql`${campaigns.updatedAt} = ${now.getTime()} and ${campaigns.reviewState} = 'none'`,
      ),
    );
  }
  await atomic(deps.db, statements);
  const updated = await loadCampaign(deps.db, id);
  if (!updated || updated.updatedAt.getTime() !== now.getTime()) {
    return {
      ok: false,
      code: "conflict",
      message: "The campaign changed while this request was handled; reload it and try again.",
    };
  }
  return { ok: true, campaign: campaignView(updated, true), warnings, voided: voids };
}

// How a campaign is shown in every admin response, and reading one or a page of them.
import { and, desc, eq, lt, or } from "drizzle-orm";
import { type CampaignStatus, campaigns } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { loadCampaign } from "./broadcast.ts";
import type { Campaign } from "./build-emails.ts";
import { contentHash } from "./content-hash.ts";
import { notFound, type Result } from "./result.ts";

/** The JSON shape of a campaign in every admin response. */
export function campaignView(c: Campaign, detail = false) {
  return {
    id: c.id,
    name: c.name,
    templateId: c.templateId,
    subject: c.subject,
    preheader: c.preheader,
    authorId: c.authorId,
    audience: c.audience,
    status: c.status,
    statusReason: c.statusReason,
    scheduledAt: c.scheduledAt?.toISOString() ?? null,
    /** "At 09:00 in each reader's time zone" (and the local date, if one was given); null for one moment. */
    localTime: c.localSendTime ? { time: c.localSendTime, date: c.localSendDate } : null,
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    counts: {
      audience: c.audienceCount,
      sent: c.sentCount,
      skipped: c.skippedCount,
      failed: c.failedCount,
      delivered: c.deliveredCount,
      complained: c.complainedCount,
    },
    lintWarnings: c.lintWarnings,
    review: {
      state: c.reviewState,
      submittedAt: c.submittedAt?.toISOString() ?? null,
      approval:
        c.reviewState === "approved" && c.approvedName && c.approvedTitle && c.approvedAt
          ? {
              reviewerId: c.approvedBy,
              name: c.approvedName,
              title: c.approvedTitle,
              at: c.approvedAt.toISOString(),
            }
          : null,
    },
    ...(detail ? { bodyMarkdown: c.bodyMarkdown, sources: c.sources } : {}),
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

export async function getCampaign(
  deps: Pick<AppDeps, "db">,
  id: string,
): Promise<Result<{ campaign: CampaignView & { contentHash: string } }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  // The hash of what it says now: a reviewer's approval names it, so an edit in between is caught.
  return {
    ok: true,
    campaign: { ...campaignView(campaign, true), contentHash: await contentHash(campaign) },
  };
}

export async function listCampaigns(
  deps: Pick<AppDeps, "db">,
  query: { status?: CampaignStatus | undefined; limit: number; before?: string | undefined },
) {
  const conditions = [];
  if (query.status) conditions.push(eq(campaigns.status, query.status));
  if (query.before) {
    const dot = query.before.indexOf(".");
    const at = new Date(Number(query.before.slice(0, dot)));
    const id = query.before.slice(dot + 1);
    conditions.push(or(lt(campaigns.createdAt, at), and(eq(campaigns.createdAt, at), lt(campaigns.id, id))));
  }
  const rows = await deps.db
    .select()
    .from(campaigns)
    .where(and(...conditions))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    campaigns: page.map((c) => campaignView(c)),
    nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  };
}

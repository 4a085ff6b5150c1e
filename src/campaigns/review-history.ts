// A campaign's review history, oldest first, as the campaign page and the admin API show it.
import { asc, eq, sql } from "drizzle-orm";
import { campaignReviews } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { loadCampaign } from "./broadcast.ts";
import { notFound, type Result } from "./result.ts";

export type ReviewEntry = {
  action: (typeof campaignReviews.$inferSelect)["action"];
  by: { accountId: string | null; name: string };
  via: "console" | "api";
  comment: string | null;
  contentHash: string;
  at: string;
};

export async function reviewHistory(
  deps: Pick<AppDeps, "db">,
  campaignId: string,
): Promise<Result<{ history: ReviewEntry[] }>> {
  if (!(await loadCampaign(deps.db, campaignId))) return notFound;
  const rows = await deps.db
    .select()
    .from(campaignReviews)
    .where(eq(campaignReviews.campaignId, campaignId))
    // Entries written in the same millisecond (a fixed test clock, or a quick API script) keep the order they
    // were written in: rowid grows with each insert, where the random id would shuffle them.
    .orderBy(asc(campaignReviews.at), sql`rowid`);
  return {
    ok: true,
    history: rows.map((r) => ({
      action: r.action,
      by: { accountId: r.accountId, name: r.actorName },
      via: r.via,
      comment: r.comment,
      contentHash: r.contentHash,
      at: r.at.toISOString(),
    })),
  };
}

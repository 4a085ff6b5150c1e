// The rows a review step writes beside the campaign update, in the same atomic batch: a campaign_reviews history
// entry and an audit_log entry. Both are insert-selects guarded by a condition on the campaign row as the update
// left it, so when a concurrent request won (the guarded update changed nothing) nothing is recorded either.
import { type SQL, sql } from "drizzle-orm";
import type { AtomicStatement, Db } from "../db/client.ts";
import { auditLog, campaignReviews, campaigns, type ReviewAction } from "../db/schema.ts";
import { randomId } from "../lib/ids.ts";
import { type Actor, actorId } from "./actor.ts";

export type ReviewStep = {
  campaignId: string;
  action: ReviewAction;
  /** The person the step is by: the actor, or the reviewer an API call named. */
  person: { id: string | null; name: string };
  via: "console" | "api";
  comment: string | null;
  contentHash: string;
  at: Date;
};

/** History and audit rows for one step, written only if `took` holds for the campaign row after its update. */
export function reviewStatements(db: Db, step: ReviewStep, actor: Actor, took: SQL): AtomicStatement[] {
  const ms = step.at.getTime();
  const exists = sql`exists (select 1 from ${campaigns} where ${campaigns.id} = ${step.campaignId} and ${took})`;
  const detail = JSON.stringify({
    ...(step.person.id && step.person.id !== actorId(actor) ? { reviewerId: step.person.id } : {}),
    via: step.via,
  });
  return [
    db
      .insert(campaignReviews)
      .select(
        sql`select ${randomId("rev")}, ${step.campaignId}, ${step.action}, ${step.person.id}, ${step.person.name}, ${step.via}, ${step.comment}, ${step.contentHash}, ${ms} where ${exists}`,
      ),
    db
      .insert(auditLog)
      .select(
        sql`select ${randomId("aud")}, ${ms}, ${actor.kind}, ${actorId(actor)}, ${`campaign.review.${step.action}`}, 'campaign', ${step.campaignId}, ${detail} where ${exists}`,
      ),
  ];
}

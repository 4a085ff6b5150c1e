// Leaving is as easy as joining: one call, no login. Status, withdrawal record and the event that cancels the
// drip are written together; repeating it changes nothing.
import { and, eq, inArray, sql } from "drizzle-orm";
import { type AtomicStatement, atomic } from "../db/client.ts";
import { consents, sends, subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import type { RequestContext } from "./confirm.ts";
import { consentRecord } from "./consent.ts";
import { unsubscribedEvent } from "./events.ts";
import { findSubscriberById } from "./store.ts";

export type UnsubscribeOutcome = "unsubscribed" | "already-unsubscribed" | "not-found";

export async function unsubscribeSubscriber(
  deps: Pick<AppDeps, "db" | "inngest" | "logger" | "now">,
  subscriberId: string,
  ctx: RequestContext & {
    reason: "user" | "one-click" | "admin";
    form: string;
    /** The campaign whose email carried the link (from the signed token), if the link names one. */
    campaignId?: string | undefined;
  },
): Promise<UnsubscribeOutcome> {
  const subscriber = await findSubscriberById(deps.db, subscriberId);
  if (!subscriber) return "not-found";
  // Bounced and complained subscribers already receive nothing; only pending and active ones can leave.
  if (subscriber.status !== "pending" && subscriber.status !== "active") return "already-unsubscribed";

  const now = deps.now();
  const event = unsubscribedEvent(subscriberId, ctx.reason, now);
  await atomic(deps.db, [
    deps.db
      .update(subscribers)
      .set({ status: "unsubscribed", unsubscribedAt: now, updatedAt: now })
      .where(and(eq(subscribers.id, subscriberId), inArray(subscribers.status, ["pending", "active"]))),
    deps.db.insert(consents).values(
      consentRecord({
        subscriberId,
        action: "withdrawn",
        at: now,
        form: ctx.form,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      }),
    ),
    queueEventStatement(deps.db, event),
    ...(ctx.campaignId ? [attributeToCampaign(deps, ctx.campaignId, subscriberId, now)] : []),
  ]);
  await dispatchEvents(deps, [event]);
  return "unsubscribed";
}

/**
 * Marks the campaign's sends row for this person: the campaign report counts who left because of that email.
 * Kept on the sends row (not the consent record) because sends rows outlive erasure, so the count stays right.
 * Matches nothing for a test send or a campaign this person never got, which is what attribution should do.
 */
function attributeToCampaign(
  deps: Pick<AppDeps, "db">,
  campaignId: string,
  subscriberId: string,
  now: Date,
): AtomicStatement {
  const entry = JSON.stringify({ type: "unsubscribed", at: now.getTime() });
  return deps.db
    .update(sends)
    .set({
      unsubscribedAt: now,
      events: sql`json_insert(${sends.events}, '$[#]', json(${entry}))`,
      updatedAt: now,
    })
    .where(
      and(
        eq(sends.campaignId, campaignId),
        eq(sends.subscriberId, subscriberId),
        eq(sends.kind, "campaign"),
        sql`${sends.unsubscribedAt} is null`,
      ),
    );
}

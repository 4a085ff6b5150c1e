// The effect of one verified Resend webhook on our data. Everything it changes is written in one atomic batch
// together with the webhook_events row keyed by svix-id, so a redelivery (or two concurrent deliveries) changes
// nothing twice: the second batch fails on that primary key and rolls back whole.
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type AtomicStatement, atomic } from "../db/client.ts";
import {
  campaigns,
  type SendEvent,
  type SendStatus,
  sends,
  subscribers,
  webhookEvents,
} from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { buildEvent, type PendingEvent } from "../inngest/build-event.ts";
import {
  resendEmailBounced,
  type resendEmailDelivered,
  resendEmailFailed,
  resendEmailSuppressed,
} from "../inngest/events.ts";
import { hashEmail } from "../lib/email-address.ts";
import { redact } from "../lib/log.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { webhookProcessed } from "../lib/webhook-events.ts";
import { findSubscriberByHash, findSubscriberById } from "../subscribers/store.ts";
import { complaintBrakeStatement } from "./complaint-brake.ts";
import {
  HANDLED_RESEND_EVENTS,
  isHardBounce,
  type ResendEmailEvent,
  TRACKING_EVENTS,
} from "./resend-payload.ts";
import { type DeliverySuppressionReason, suppressionStatements } from "./suppress.ts";

export type DeliveryDeps = Pick<AppDeps, "db" | "config" | "logger" | "inngest" | "now">;

/** Three soft bounces in a row (no delivery in between) suppress the address. */
export const SOFT_BOUNCE_LIMIT = 3;

export type DeliveryOutcome = {
  duplicate: boolean;
  sendId: string | null;
  subscriberId: string | null;
  /** The address went on the suppression list because of this event. */
  suppressed: boolean;
  /** The complaint-rate brake paused the campaign because of this event. */
  campaignPaused: boolean;
};

/**
 * Events can arrive out of order (a "delivered" after a "bounced", a late "delivery_delayed"): a send's status
 * only moves forward. A complaint outranks everything because it is about the person, not the mailbox.
 */
const STATUS_RANK: Record<SendStatus, number> = {
  queued: 0,
  sent: 1,
  delivery_delayed: 2,
  delivered: 3,
  failed: 4,
  bounced: 4,
  suppressed: 4,
  complained: 5,
};

const NEW_STATUS: Partial<Record<ResendEmailEvent["type"], SendStatus>> = {
  "email.delivered": "delivered",
  "email.delivery_delayed": "delivery_delayed",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
  "email.suppressed": "suppressed",
};

const rankOfCurrent = sql`(CASE ${sends.status} ${sql.join(
  Object.entries(STATUS_RANK).map(([status, rank]) => sql`WHEN ${status} THEN ${rank}`),
  sql` `,
)} ELSE 0 END)`;

/** Resend sends bare addresses, but tolerate "Name <address>". */
function bareAddress(value: string): string {
  const match = /<([^<>]+)>\s*$/.exec(value);
  return (match?.[1] ?? value).trim();
}

/** Provider texts can quote the recipient; keep them out of the database and the event bus. */
function safeDetail(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return String(redact(value)).slice(0, 200);
}

export async function applyResendEvent(
  deps: DeliveryDeps,
  input: { webhookId: string; event: ResendEmailEvent },
): Promise<DeliveryOutcome> {
  const { db, logger } = deps;
  const { webhookId, event } = input;
  const now = deps.now();
  const occurredAt = parseTime(event.created_at) ?? parseTime(event.data.created_at) ?? now.getTime();
  const outcome: DeliveryOutcome = {
    duplicate: false,
    sendId: null,
    subscriberId: null,
    suppressed: false,
    campaignPaused: false,
  };

  // Opens and clicks are behavioural data about a health-related list: without TRACKING=on they are not kept.
  if (TRACKING_EVENTS.has(event.type) && !deps.config.tracking) return outcome;
  if (await webhookProcessed(deps.db, webhookId)) return { ...outcome, duplicate: true };

  const emailId = event.data.email_id;
  const [send] = await db
    .select({
      id: sends.id,
      subscriberId: sends.subscriberId,
      campaignId: sends.campaignId,
      status: sends.status,
    })
    .from(sends)
    .where(eq(sends.providerMessageId, emailId))
    .limit(1);

  // The sends row names the subscriber; without one (erased, or a message we did not record) fall back to the
  // recipient's hash, which is also what the suppression list needs.
  const recipient = event.data.to[0] ? bareAddress(event.data.to[0]) : undefined;
  let subscriber = (send?.subscriberId ? await findSubscriberById(db, send.subscriberId) : undefined) ?? null;
  const recipientHash = subscriber ? subscriber.emailHash : recipient ? await hashEmail(recipient) : null;
  if (!subscriber && recipientHash) subscriber = (await findSubscriberByHash(db, recipientHash)) ?? null;
  outcome.sendId = send?.id ?? null;
  outcome.subscriberId = subscriber?.id ?? null;
  const campaignId = send?.campaignId ?? null;

  const statements: AtomicStatement[] = [
    db.insert(webhookEvents).values({ id: webhookId, type: event.type }),
  ];
  const events: PendingEvent[] = [];

  // 1. The sends row: status (forward only), an entry in its event log, and tracking timestamps when allowed.
  if (send) {
    const entry: SendEvent = { type: event.type.replace(/^email\./, ""), at: occurredAt };
    const detail = detailOf(event);
    if (detail) entry.detail = detail;
    const newStatus = NEW_STATUS[event.type];
    statements.push(
      db
        .update(sends)
        .set({
          events: sql`json_insert(${sends.events}, '$[#]', json(${JSON.stringify(entry)}))`,
          updatedAt: now,
          ...(newStatus
            ? {
                status: sql`CASE WHEN ${rankOfCurrent} <= ${STATUS_RANK[newStatus]} THEN ${newStatus} ELSE ${sends.status} END`,
              }
            : {}),
          ...(event.type === "email.failed"
            ? { error: safeDetail(event.data.failed?.reason) ?? "failed" }
            : {}),
          ...(event.type === "email.opened"
            ? { openedAt: sql`coalesce(${sends.openedAt}, ${occurredAt})` }
            : {}),
          ...(event.type === "email.clicked"
            ? { clickedAt: sql`coalesce(${sends.clickedAt}, ${occurredAt})` }
            : {}),
        })
        .where(eq(sends.id, send.id)),
    );
  }

  // 2. The subscriber and the suppression list.
  const suppress = (reason: DeliverySuppressionReason) => {
    if (!recipientHash) {
      logger.warn("delivery webhook names no recipient to suppress", { webhookId, type: event.type });
      return;
    }
    const result = suppressionStatements(db, {
      subscriber,
      emailHash: recipientHash,
      reason,
      now,
      eventId: `${webhookId}:unsubscribed`,
    });
    statements.push(...result.statements);
    events.push(...result.events);
    outcome.suppressed = true;
  };
  switch (event.type) {
    case "email.delivered":
      if (subscriber && subscriber.softBounces > 0) {
        statements.push(
          db
            .update(subscribers)
            .set({ softBounces: 0, updatedAt: now })
            .where(eq(subscribers.id, subscriber.id)),
        );
      }
      break;
    case "email.bounced":
      if (isHardBounce(event.data.bounce.type)) {
        suppress("bounced");
      } else if (subscriber) {
        statements.push(
          db
            .update(subscribers)
            .set({ softBounces: sql`${subscribers.softBounces} + 1`, updatedAt: now })
            .where(eq(subscribers.id, subscriber.id)),
        );
        if (subscriber.softBounces + 1 >= SOFT_BOUNCE_LIMIT) suppress("bounced");
      }
      break;
    case "email.complained":
      suppress("complained");
      break;
    case "email.suppressed":
      suppress("provider_suppressed");
      break;
    default:
      break;
  }

  // 3. Campaign counters and the complaint-rate brake, inside the same batch as the counter they read.
  let campaignStatusBefore: string | undefined;
  if (campaignId && send && (event.type === "email.delivered" || event.type === "email.complained")) {
    const firstDelivery =
      event.type === "email.delivered" && STATUS_RANK[send.status] < STATUS_RANK.delivered;
    const firstComplaint = event.type === "email.complained" && send.status !== "complained";
    if (firstDelivery || firstComplaint) {
      const [campaign] = await db
        .select({ status: campaigns.status })
        .from(campaigns)
        .where(eq(campaigns.id, campaignId))
        .limit(1);
      campaignStatusBefore = campaign?.status;
      statements.push(
        db
          .update(campaigns)
          .set(
            firstDelivery
              ? { deliveredCount: sql`${campaigns.deliveredCount} + 1`, updatedAt: now }
              : { complainedCount: sql`${campaigns.complainedCount} + 1`, updatedAt: now },
          )
          .where(eq(campaigns.id, campaignId)),
        complaintBrakeStatement(db, campaignId, now),
      );
    }
  }

  // A message the provider gave up on counts as failed for its campaign, once per message.
  if (campaignId && send && event.type === "email.failed" && STATUS_RANK[send.status] < STATUS_RANK.failed) {
    statements.push(
      db
        .update(campaigns)
        .set({ failedCount: sql`${campaigns.failedCount} + 1`, updatedAt: now })
        .where(eq(campaigns.id, campaignId)),
    );
  }

  // 4. Forward to Inngest for downstream consumers, through the outbox so a bus outage loses nothing.
  const forwarded = forwardedEvent(event, {
    webhookId,
    emailId,
    sendId: outcome.sendId,
    subscriberId: outcome.subscriberId,
    campaignId,
    occurredAt,
  });
  statements.push(queueEventStatement(db, forwarded));
  events.push(forwarded);

  try {
    await atomic(db, statements);
  } catch (error) {
    // A concurrent delivery of the same svix-id won the primary key: its batch did the work, ours rolled back.
    if (await webhookProcessed(deps.db, webhookId)) return { ...outcome, duplicate: true, suppressed: false };
    throw error;
  }

  if (campaignId && campaignStatusBefore !== undefined && campaignStatusBefore !== "paused") {
    const [after] = await db
      .select({ status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .limit(1);
    if (after?.status === "paused") {
      outcome.campaignPaused = true;
      logger.warn("campaign paused by the complaint-rate brake", { campaignId });
    }
  }
  await dispatchEvents(deps, events);
  return outcome;
}

function parseTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What goes into sends.events: the classification, never the provider's free text about the recipient. */
function detailOf(event: ResendEmailEvent): string | undefined {
  switch (event.type) {
    case "email.bounced":
      return [event.data.bounce.type, event.data.bounce.subType].filter(Boolean).join("/");
    case "email.failed":
      return safeDetail(event.data.failed?.reason);
    case "email.suppressed":
      return event.data.suppressed?.type;
    default:
      return undefined;
  }
}

/** The Inngest event a Resend event is forwarded as, with the details its schema adds for its type. */
function forwardedEvent(
  event: ResendEmailEvent,
  common: z.input<typeof resendEmailDelivered.schema>,
): PendingEvent {
  const id = `resend:${common.webhookId}`;
  switch (event.type) {
    case "email.bounced":
      return buildEvent(
        resendEmailBounced,
        {
          ...common,
          bounceType: event.data.bounce.type,
          bounceSubType: event.data.bounce.subType,
          hard: isHardBounce(event.data.bounce.type),
        },
        { id },
      );
    case "email.failed":
      return buildEvent(
        resendEmailFailed,
        { ...common, reason: safeDetail(event.data.failed?.reason) ?? "unknown" },
        { id },
      );
    case "email.suppressed":
      return buildEvent(
        resendEmailSuppressed,
        { ...common, suppressionType: event.data.suppressed?.type ?? "unknown" },
        { id },
      );
    default:
      return buildEvent(HANDLED_RESEND_EVENTS[event.type], common, { id });
  }
}

// The signup core shared by the hosted form, the JSON API and the signup webhook. Every caller gives the
// visitor the same answer whatever the outcome, so nobody can learn whether an address is on the list.
import { eq } from "drizzle-orm";
import { atomic, insertRow, isUniqueViolation } from "../db/client.ts";
import { consents, subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { hashEmail, hashMailbox } from "../lib/email-address.ts";
import { randomId } from "../lib/ids.ts";
import { queueEvent } from "../lib/pending-events.ts";
import { CONSENT_WORDING_VERSION, consentRecord } from "./consent.ts";
import { confirmationRequestedEvent, createdEvent } from "./events.ts";
import type { SignupInput } from "./input.ts";
import { claimMailboxConfirmation } from "./mailbox-throttle.ts";
import { findSubscriberByHash, isHardSuppression, type Subscriber, suppressionReason } from "./store.ts";

/** A pending subscriber gets the confirmation again at most this often, however often the form is sent. */
export const CONFIRMATION_RESEND_INTERVAL_MS = 10 * 60 * 1000;

export type SignupContext = {
  /**
   * Consent record `form`: "hosted-form", "embed", "api", "webhook:tally", ...; also the subscriber's source when
   * the input names none.
   */
  form: string;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
  /** The `source` the client sent, kept as reported (consents.reported_source); never decides `form`. */
  reportedSource?: string | null | undefined;
};

export type SignupOutcome =
  /** New pending subscriber; confirmation queued. */
  | "created"
  /** Pending or unsubscribed subscriber asked again; confirmation queued. */
  | "resent"
  /** Asked again within the re-send interval; nothing changed. */
  | "throttled"
  /** A new spelling of an inbox that had a confirmation within the interval: recorded, no email queued. */
  | "created-mailbox-throttled"
  | "already-active"
  /** Bounced, complained or provider-suppressed: nothing sent, nothing changed. */
  | "suppressed";

/**
 * `events` are queued (written with the state change) but not yet sent: the caller dispatches them after it has
 * answered, so a new address and a known one take the same time to answer (the reconciler is the safety net).
 */
export type SignupResult = { outcome: SignupOutcome; subscriberId?: string; events: PendingEvent[] };

type SignupDeps = Pick<AppDeps, "db" | "inngest" | "logger" | "now" | "content">;

export async function signup(
  deps: SignupDeps,
  input: SignupInput,
  ctx: SignupContext,
): Promise<SignupResult> {
  const emailHash = await hashEmail(input.email);
  if (isHardSuppression(await suppressionReason(deps.db, emailHash)))
    return { outcome: "suppressed", events: [] };

  // The inbox throttle is claimed at most once per signup, and only by a path that would queue an email; a
  // retry after a lost race reuses the claim instead of being throttled by its own first attempt.
  let claim: Promise<boolean> | undefined;
  const claimMailbox: ClaimMailbox = () => {
    claim ??= hashMailbox(input.email).then((hash) =>
      claimMailboxConfirmation(deps.db, hash, deps.now().getTime(), CONFIRMATION_RESEND_INTERVAL_MS),
    );
    return claim;
  };
  // Two simultaneous first signups for one address race on the unique index; the loser re-reads and takes
  // the "existing subscriber" path instead of failing.
  for (let attempt = 0; ; attempt++) {
    const existing = await findSubscriberByHash(deps.db, emailHash);
    if (existing) return refresh(deps, existing, input, ctx, claimMailbox);
    try {
      return await create(deps, emailHash, input, ctx, claimMailbox);
    } catch (error) {
      if (attempt > 0 || !isUniqueViolation(error)) throw error;
    }
  }
}

// The signup's writes run as prepared statements on Node (see insertRow): one transaction of three inserts that
// are compiled once, not three queries built and compiled again on every request.
const insertSubscriber = insertRow(subscribers);
const insertConsent = insertRow(consents);

/** True when this signup may queue a confirmation for its inbox (see mailbox-throttle.ts). */
type ClaimMailbox = () => Promise<boolean>;

function consentGiven(
  deps: SignupDeps,
  subscriberId: string,
  input: SignupInput,
  ctx: SignupContext,
  at: Date,
) {
  return insertConsent(
    deps.db,
    consentRecord({
      subscriberId,
      action: "given",
      at,
      form: ctx.form,
      page: input.page ?? null,
      reportedSource: ctx.reportedSource ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      wordingVersion: CONSENT_WORDING_VERSION,
      privacyVersion: deps.content.privacy.version,
    }),
  );
}

async function create(
  deps: SignupDeps,
  emailHash: string,
  input: SignupInput,
  ctx: SignupContext,
  claimMailbox: ClaimMailbox,
): Promise<SignupResult> {
  const now = deps.now();
  const id = randomId("sub");
  const event = createdEvent(id);
  const mailboxFree = await claimMailbox();
  await atomic(deps.db, [
    insertSubscriber(deps.db, {
      id,
      email: input.email,
      emailHash,
      firstName: input.firstName ?? null,
      status: "pending",
      locale: input.locale ?? "en",
      country: input.country ?? null,
      timeZone: input.timeZone ?? null,
      source: input.source ?? ctx.form,
      // Set when the confirmation is queued, not when it leaves: it is the throttle for repeat signups. Left
      // empty when the inbox throttle held it back, so the next signup of this spelling may queue one.
      ...(mailboxFree ? { confirmationSentAt: now } : {}),
      createdAt: now,
      updatedAt: now,
    }),
    consentGiven(deps, id, input, ctx, now),
    ...(mailboxFree ? [queueEvent(deps.db, event)] : []),
  ]);
  if (!mailboxFree) return { outcome: "created-mailbox-throttled", subscriberId: id, events: [] };
  return { outcome: "created", subscriberId: id, events: [event] };
}

async function refresh(
  deps: SignupDeps,
  existing: Subscriber,
  input: SignupInput,
  ctx: SignupContext,
  claimMailbox: ClaimMailbox,
): Promise<SignupResult> {
  const subscriberId = existing.id;
  if (existing.status === "active") return { outcome: "already-active", subscriberId, events: [] };
  // Bounced or complained without a suppression row (e.g. written by hand): still never mail them.
  if (existing.status === "bounced" || existing.status === "complained")
    return { outcome: "suppressed", subscriberId, events: [] };

  const now = deps.now();
  const last = existing.confirmationSentAt?.getTime();
  if (last !== undefined && now.getTime() - last < CONFIRMATION_RESEND_INTERVAL_MS) {
    return { outcome: "throttled", subscriberId, events: [] };
  }
  if (!(await claimMailbox())) return { outcome: "throttled", subscriberId, events: [] };
  // Pending, or unsubscribed and coming back: either way a fresh double opt-in, with the latest details.
  const event = confirmationRequestedEvent(subscriberId, now);
  await atomic(deps.db, [
    deps.db
      .update(subscribers)
      .set({
        status: "pending",
        firstName: input.firstName ?? existing.firstName,
        locale: input.locale ?? existing.locale,
        country: input.country ?? existing.country,
        timeZone: input.timeZone ?? existing.timeZone,
        confirmationSentAt: now,
        updatedAt: now,
      })
      .where(eq(subscribers.id, subscriberId)),
    consentGiven(deps, subscriberId, input, ctx, now),
    queueEvent(deps.db, event),
  ]);
  return { outcome: "resent", subscriberId, events: [event] };
}

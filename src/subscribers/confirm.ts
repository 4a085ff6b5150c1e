// Double opt-in, second half. Status, consent record, suppression clean-up and the event that starts the drip
// are written in one atomic batch; the event id is deterministic, so a second click starts nothing.
import { and, eq, inArray } from "drizzle-orm";
import { atomic } from "../db/client.ts";
import { consents, subscribers, suppressions } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { CONSENT_WORDING_VERSION, consentRecord, FORMS } from "./consent.ts";
import { confirmedEvent } from "./events.ts";
import { findSubscriberById } from "./store.ts";

export type ConfirmOutcome =
  | "confirmed"
  | "already-confirmed"
  /** Erased since the link was sent. */
  | "not-found"
  /** Unsubscribed, bounced or complained since: the link no longer subscribes anyone. */
  | "not-pending";

export type RequestContext = { ip?: string | null | undefined; userAgent?: string | null | undefined };

export async function confirmSubscriber(
  deps: Pick<AppDeps, "db" | "inngest" | "logger" | "now" | "content">,
  subscriberId: string,
  ctx: RequestContext = {},
): Promise<ConfirmOutcome> {
  const subscriber = await findSubscriberById(deps.db, subscriberId);
  if (!subscriber) return "not-found";
  if (subscriber.status === "active") return "already-confirmed";
  if (subscriber.status !== "pending") return "not-pending";

  const now = deps.now();
  const event = confirmedEvent(subscriberId);
  await atomic(deps.db, [
    deps.db
      .update(subscribers)
      .set({ status: "active", confirmedAt: now, updatedAt: now })
      .where(and(eq(subscribers.id, subscriberId), eq(subscribers.status, "pending"))),
    deps.db.insert(consents).values(
      consentRecord({
        subscriberId,
        action: "confirmed",
        at: now,
        form: FORMS.confirmLink,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        wordingVersion: CONSENT_WORDING_VERSION,
        privacyVersion: deps.content.privacy.version,
      }),
    ),
    // A person who was erased or suppressed by hand came back through a full double opt-in: lift that entry.
    // Bounce and complaint entries stay; the send steps keep honouring them.
    deps.db
      .delete(suppressions)
      .where(
        and(
          eq(suppressions.emailHash, subscriber.emailHash),
          inArray(suppressions.reason, ["erased", "manual"]),
        ),
      ),
    queueEventStatement(deps.db, event),
  ]);
  await dispatchEvents(deps, [event]);
  return "confirmed";
}

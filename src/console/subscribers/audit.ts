// The audit trail of the subscriber pages: who (the signed-in account), what, which subscriber, when; never an
// address (the subscriber id is the target; details are counts, tags and sources). Written after the action
// succeeded, so a refused action leaves no entry; the domain functions keep their own one-batch writes.
import type { Context } from "hono";
import { auditLog } from "../../db/schema.ts";
import type { AppDeps } from "../../deps.ts";
import { randomId } from "../../lib/ids.ts";
import type { ConsoleEnv } from "../env.ts";

export type SubscriberAuditAction =
  | "subscriber.tags-added"
  | "subscriber.tag-removed"
  | "subscriber.unsubscribed"
  | "subscriber.exported"
  | "subscriber.erased"
  | "subscribers.imported";

export async function auditSubscriberAction(
  deps: Pick<AppDeps, "db" | "now">,
  c: Context<ConsoleEnv>,
  action: SubscriberAuditAction,
  targetId: string | null,
  detail: Record<string, unknown> = {},
) {
  await deps.db.insert(auditLog).values({
    id: randomId("aud"),
    at: deps.now(),
    actorKind: "account",
    actorId: c.get("account").id,
    action,
    targetKind: targetId || action === "subscriber.erased" ? "subscriber" : null,
    targetId,
    detail,
  });
}

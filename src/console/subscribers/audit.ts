// The subscriber pages' own audit rows, richer than the console's audit trail middleware (api/audit-trail.ts)
// writes for every change: the tags, the import's source and counts. The middleware sees a row by the same
// account about the same target and adds none. Erasure writes none here: the middleware records it without the
// (no longer kept) subscriber id.
import type { Context } from "hono";
import { type AuditDetail, recordAudit } from "../../audit/record.ts";
import type { AppDeps } from "../../deps.ts";
import type { ConsoleEnv } from "../env.ts";

export type SubscriberAuditAction =
  | "subscriber.tags-added"
  | "subscriber.tag-removed"
  | "subscriber.unsubscribed"
  | "subscriber.exported"
  | "subscribers.imported";

export async function auditSubscriberAction(
  deps: Pick<AppDeps, "db" | "now">,
  c: Context<ConsoleEnv>,
  action: SubscriberAuditAction,
  subscriberId: string | null,
  detail: AuditDetail = {},
) {
  await recordAudit(
    deps.db,
    {
      actor: { kind: "account", accountId: c.get("account").id },
      action,
      target: subscriberId ? { kind: "subscriber", id: subscriberId } : { kind: "import", id: null },
      detail,
    },
    deps.now(),
  );
}

// Erasure (and the purge of stale signups) and the audit log: the trail of what was done stays (who tagged, who
// exported, who erased), but the rows no longer point at the person's id, so nothing links them to anyone
// (safety rule 14).
import { and, eq, inArray, type SQLWrapper, sql } from "drizzle-orm";
import type { AtomicStatement, Db } from "../db/client.ts";
import { auditLog } from "../db/schema.ts";

/** One id, or a subquery selecting ids (the purge's "still stale" set). */
type Ids = string | SQLWrapper;

export function forgetSubscriberInAudit(db: Db, subscriberIds: Ids): AtomicStatement {
  return db
    .update(auditLog)
    .set({ targetId: null, detail: sql`json_set(${auditLog.detail}, '$.erased', json('true'))` })
    .where(
      and(
        eq(auditLog.targetKind, "subscriber"),
        typeof subscriberIds === "string"
          ? eq(auditLog.targetId, subscriberIds)
          : inArray(auditLog.targetId, subscriberIds),
      ),
    );
}

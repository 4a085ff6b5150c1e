// Writing the audit log: who (a console account, or the admin API's bearer token), what (an action name), which
// campaign, subscriber or account (by id, never an address), when, and a small detail object. The detail is
// scrubbed here, so a caller cannot put an address or free text about a person into it by mistake.
import { sql } from "drizzle-orm";
import type { AtomicStatement, Db } from "../db/client.ts";
import { auditLog } from "../db/schema.ts";
import { randomId } from "../lib/ids.ts";

export type AuditActor = { kind: "account"; accountId: string } | { kind: "api-token" };
export const API_TOKEN_ACTOR: AuditActor = { kind: "api-token" };

export const AUDIT_TARGET_KINDS = ["campaign", "subscriber", "account", "reply", "import"] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export type AuditDetail = Record<string, string | number | boolean | null>;

export type AuditEntry = {
  actor: AuditActor;
  /** Dotted and stable, e.g. "account.add", "campaign.review.approve", or "api POST /api/admin/…/:id/send". */
  action: string;
  target?: { kind: AuditTargetKind; id: string | null } | undefined;
  detail?: AuditDetail | undefined;
};

const MAX_KEYS = 12;
const MAX_TEXT = 120;

/** Only short scalar values; anything that looks like an address (an @ in it) is replaced, never stored. */
export function scrubDetail(detail: AuditDetail = {}): AuditDetail {
  const out: AuditDetail = {};
  for (const [key, value] of Object.entries(detail).slice(0, MAX_KEYS)) {
    if (typeof value === "string") out[key] = value.includes("@") ? "[redacted]" : value.slice(0, MAX_TEXT);
    else if (typeof value === "number" || typeof value === "boolean" || value === null) out[key] = value;
  }
  return out;
}

export function auditInsert(db: Db, entry: AuditEntry, at: Date): AtomicStatement {
  return db.insert(auditLog).values({
    id: randomId("aud"),
    at,
    actorKind: entry.actor.kind,
    actorId: entry.actor.kind === "account" ? entry.actor.accountId : null,
    action: entry.action,
    targetKind: entry.target?.kind ?? null,
    targetId: entry.target?.id ?? null,
    detail: scrubDetail(entry.detail),
  });
}

export async function recordAudit(db: Db, entry: AuditEntry, at: Date): Promise<void> {
  await auditInsert(db, entry, at);
}

/** The newest row's position, to tell afterwards whether anything was recorded in between (see api/audit-trail). */
export async function auditHighWater(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(rowid), 0)` }).from(auditLog);
  return Number(row?.n ?? 0);
}

/** Whether `actor` has an audit row about `targetId` (or any, when null) written after `highWater`. */
export async function auditedSince(
  db: Db,
  highWater: number,
  actor: AuditActor,
  targetId: string | null,
): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(auditLog)
    .where(
      sql`rowid > ${highWater} and ${auditLog.actorKind} = ${actor.kind}${
        actor.kind === "account" ? sql` and ${auditLog.actorId} = ${actor.accountId}` : sql``
      }${targetId === null ? sql`` : sql` and ${auditLog.targetId} = ${targetId}`}`,
    )
    .limit(1);
  return rows.length > 0;
}

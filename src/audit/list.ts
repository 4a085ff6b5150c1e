// Reading the audit log for the console: newest first, a page at a time, with each actor's name (an account that
// was removed keeps its name here).
import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accounts, auditLog } from "../db/schema.ts";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = typeof auditLog.$inferSelect & { actorName: string | null; actorRole: string | null };

/** A page cursor: "<at ms>.<id>" of the last row shown. */
export function auditCursor(row: { at: Date; id: string }): string {
  return `${row.at.getTime()}.${row.id}`;
}

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const match = /^(\d{1,15})\.(aud_[0-9a-f]{32})$/.exec(cursor ?? "");
  return match ? { at: new Date(Number(match[1])), id: match[2] as string } : undefined;
}

export async function listAudit(
  db: Db,
  options: { before?: string | undefined; limit?: number } = {},
): Promise<{ rows: AuditRow[]; next: string | undefined }> {
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const after = parseCursor(options.before);
  const rows = await db
    .select({ entry: auditLog, actorName: accounts.name, actorRole: accounts.role })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorId))
    .where(
      after
        ? or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id)))
        : undefined,
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const page = rows
    .slice(0, limit)
    .map((r) => ({ ...r.entry, actorName: r.actorName, actorRole: r.actorRole }));
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? auditCursor(last) : undefined };
}

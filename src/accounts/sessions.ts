// Console sessions: a random cookie value whose SHA-256 is the row id. A session ends when it is revoked
// (sign-out, account removed), after SESSION_IDLE_MS without a request, or SESSION_MAX_MS after sign-in.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accountSessions } from "../db/schema.ts";
import type { Account } from "./schemas.ts";
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from "./secret-token.ts";
import { findAccountById } from "./store.ts";

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often per session, so a page with several requests writes once. */
const TOUCH_EVERY_MS = 60 * 1000;

export type Session = typeof accountSessions.$inferSelect;

export async function createSession(
  db: Db,
  accountId: string,
  client: { ip: string | null; userAgent: string | null },
  now: Date,
): Promise<{ token: string; session: Session }> {
  const token = newSecretToken();
  const [session] = await db
    .insert(accountSessions)
    .values({
      id: hashSecretToken(token),
      accountId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      ip: client.ip,
      // A user agent is for recognising one's own sessions, not for fingerprinting: keep it short.
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    })
    .returning();
  if (!session) throw new Error("session insert returned no row");
  return { token, session };
}

/** The live session and its active account for a cookie value; extends the idle window as it is used. */
export async function findSession(
  db: Db,
  token: unknown,
  now: Date,
): Promise<{ session: Session; account: Account } | undefined> {
  if (!looksLikeSecretToken(token)) return undefined;
  const id = hashSecretToken(token);
  const [session] = await db.select().from(accountSessions).where(eq(accountSessions.id, id)).limit(1);
  if (!session || session.revokedAt !== null || session.expiresAt.getTime() <= now.getTime())
    return undefined;
  const account = await findAccountById(db, session.accountId);
  if (!account || account.removedAt !== null) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const expiresAt = new Date(
      Math.min(now.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS),
    );
    await db.update(accountSessions).set({ lastSeenAt: now, expiresAt }).where(eq(accountSessions.id, id));
    return { session: { ...session, lastSeenAt: now, expiresAt }, account };
  }
  return { session, account };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(accountSessions)
    .set({ revokedAt: now })
    .where(and(eq(accountSessions.id, sessionId), isNull(accountSessions.revokedAt)));
}

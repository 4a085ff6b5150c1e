// Passwordless sign-in: a single-use link valid for 15 minutes. Issuing one for an address without an account
// does nothing (and says nothing: the page answers the same either way); using one marks it used in the same
// statement that checks it, so two clicks at once cannot both sign in.
import { and, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { signInLinks } from "../db/schema.ts";
import type { Account } from "./schemas.ts";
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from "./secret-token.ts";
import { findAccountById, findActiveAccountByEmail } from "./store.ts";

export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/** A new link token for the address's active account, or nothing when there is none. */
export async function issueSignInLink(
  db: Db,
  email: string,
  now: Date,
): Promise<{ account: Account; token: string } | undefined> {
  const account = await findActiveAccountByEmail(db, email);
  if (!account) return undefined;
  const token = newSecretToken();
  // Spent and expired links of this account go now; the table holds only links that can still be used.
  await db
    .delete(signInLinks)
    .where(
      and(
        eq(signInLinks.accountId, account.id),
        or(lt(signInLinks.expiresAt, now), isNotNull(signInLinks.usedAt)),
      ),
    );
  await db.insert(signInLinks).values({
    tokenHash: hashSecretToken(token),
    accountId: account.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
  });
  return { account, token };
}

export type SignInLinkCheck = { ok: true; account: Account } | { ok: false; reason: "invalid" | "expired" };

/** Whether a link would sign in, without using it up (the page behind the link shows a button first). */
export async function checkSignInLink(db: Db, token: unknown, now: Date): Promise<SignInLinkCheck> {
  if (!looksLikeSecretToken(token)) return { ok: false, reason: "invalid" };
  const [link] = await db
    .select()
    .from(signInLinks)
    .where(eq(signInLinks.tokenHash, hashSecretToken(token)))
    .limit(1);
  if (!link || link.usedAt !== null) return { ok: false, reason: "invalid" };
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const account = await findAccountById(db, link.accountId);
  if (!account || account.removedAt !== null) return { ok: false, reason: "invalid" };
  return { ok: true, account };
}

/** Uses the link up: one conditional update, so a link signs in at most once however often it is posted. */
export async function consumeSignInLink(db: Db, token: unknown, now: Date): Promise<SignInLinkCheck> {
  const check = await checkSignInLink(db, token, now);
  if (!check.ok || !looksLikeSecretToken(token)) return check;
  const used = await db
    .update(signInLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInLinks.tokenHash, hashSecretToken(token)),
        isNull(signInLinks.usedAt),
        gt(signInLinks.expiresAt, now),
      ),
    )
    .returning({ accountId: signInLinks.accountId });
  if (used.length === 0) return { ok: false, reason: "invalid" };
  return check;
}

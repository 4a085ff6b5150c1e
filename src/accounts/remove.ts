// Removing a person from the console: the row stays (reviews and the audit log name it), sign-in stops at once
// because every session and unused sign-in link goes with it. The last owner cannot be removed, or nobody could
// manage accounts from the console any more.
import { and, eq, isNull } from "drizzle-orm";
import { atomic, type Db } from "../db/client.ts";
import { accountSessions, accounts, signInLinks } from "../db/schema.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import type { Account } from "./schemas.ts";
import { countActiveOwners, findAccountById } from "./store.ts";

export async function removeAccount(
  db: Db,
  id: string,
  now: Date,
): Promise<Result<{ account: Account }, Failure<"not_found" | "invalid_state">>> {
  const account = await findAccountById(db, id);
  if (!account || account.removedAt !== null) return fail("not_found", "No such account.");
  if (account.role === "owner" && (await countActiveOwners(db)) <= 1)
    return fail("invalid_state", "This is the only owner. Make someone else an owner first.");
  await atomic(db, [
    db.update(accounts).set({ removedAt: now, updatedAt: now }).where(eq(accounts.id, id)),
    db
      .update(accountSessions)
      .set({ revokedAt: now })
      .where(and(eq(accountSessions.accountId, id), isNull(accountSessions.revokedAt))),
    db.delete(signInLinks).where(eq(signInLinks.accountId, id)),
  ]);
  return { ok: true, account: { ...account, removedAt: now } };
}

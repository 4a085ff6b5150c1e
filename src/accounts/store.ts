// Reads of accounts. "Active" means not removed: only active accounts can sign in or be picked as reviewers.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accounts } from "../db/schema.ts";
import { hashEmail } from "../lib/email-address.ts";
import { type Account, type AccountRole, toAccount } from "./schemas.ts";

export async function findAccountById(db: Db, id: string): Promise<Account | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ? toAccount(row) : undefined;
}

/** The active account for an address, however its domain is capitalised. */
export async function findActiveAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.emailHash, await hashEmail(email)), isNull(accounts.removedAt)))
    .limit(1);
  return row ? toAccount(row) : undefined;
}

/** Active accounts by name (removed ones too with `includeRemoved`), optionally of one role. */
export async function listAccounts(
  db: Db,
  options: { role?: AccountRole; includeRemoved?: boolean } = {},
): Promise<Account[]> {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(
        options.includeRemoved ? undefined : isNull(accounts.removedAt),
        options.role ? eq(accounts.role, options.role) : undefined,
      ),
    )
    .orderBy(asc(accounts.name), asc(accounts.id));
  return rows.map(toAccount);
}

export async function countActiveOwners(db: Db): Promise<number> {
  return (await listAccounts(db, { role: "owner" })).length;
}

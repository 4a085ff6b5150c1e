// An owner changes what someone may do. The last owner cannot stop being one (nobody could manage accounts).
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accounts } from "../db/schema.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { type Account, accountRoleSchema } from "./schemas.ts";
import { countActiveOwners, findAccountById } from "./store.ts";

export async function changeAccountRole(
  db: Db,
  id: string,
  role: unknown,
  now: Date,
): Promise<Result<{ account: Account }, Failure<"not_found" | "validation_failed" | "invalid_state">>> {
  const parsed = accountRoleSchema.safeParse(role);
  if (!parsed.success)
    return fail("validation_failed", "Choose a role.", { role: parsed.error.issues.map((i) => i.message) });
  const account = await findAccountById(db, id);
  if (!account || account.removedAt !== null) return fail("not_found", "No such account.");
  if (account.role === parsed.data) return { ok: true, account };
  if (account.role === "owner" && (await countActiveOwners(db)) <= 1)
    return fail("invalid_state", "This is the only owner. Make someone else an owner first.");
  await db.update(accounts).set({ role: parsed.data, updatedAt: now }).where(eq(accounts.id, id));
  return { ok: true, account: { ...account, role: parsed.data } };
}

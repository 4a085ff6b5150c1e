// Adding a person to the console. An address that had an account before gets the same row back (same id),
// so reviews and audit rows written under it still point at that person.
import { eq } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../db/client.ts";
import { accounts } from "../db/schema.ts";
import { hashEmail } from "../lib/email-address.ts";
import { randomId } from "../lib/ids.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { type Account, newAccountSchema, toAccount } from "./schemas.ts";

export async function createAccount(
  db: Db,
  input: unknown,
  now: Date,
): Promise<Result<{ account: Account; reactivated: boolean }, Failure<"validation_failed" | "conflict">>> {
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "account");
      fields[key] = [...(fields[key] ?? []), issue.message];
    }
    return fail("validation_failed", "Check the account details.", fields);
  }
  const { email, name, role } = parsed.data;
  const emailHash = await hashEmail(email);
  const [existing] = await db.select().from(accounts).where(eq(accounts.emailHash, emailHash)).limit(1);
  if (existing && existing.removedAt === null)
    return fail("conflict", "An account with that email address already exists.", {
      email: ["An account with that email address already exists."],
    });
  if (existing) {
    const [row] = await db
      .update(accounts)
      .set({ email, name, role, removedAt: null, updatedAt: now })
      .where(eq(accounts.id, existing.id))
      .returning();
    return { ok: true, account: toAccount(row ?? existing), reactivated: true };
  }
  try {
    const [row] = await db
      .insert(accounts)
      .values({ id: randomId("acc"), email, emailHash, name, role, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return { ok: true, account: toAccount(row), reactivated: false };
  } catch (error) {
    // Two adds of the same address at once: the unique index lets one win.
    if (isUniqueViolation(error))
      return fail("conflict", "An account with that email address already exists.", {
        email: ["An account with that email address already exists."],
      });
    throw error;
  }
}

// A reviewer's clinical title ("Medical editor"), which the emails they approve print after their name. Set by an
// owner (console people page, users CLI); a reviewer without one cannot approve.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accounts } from "../db/schema.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { type Account, accountTitleSchema } from "./schemas.ts";
import { findAccountById } from "./store.ts";

export async function setAccountTitle(
  db: Db,
  id: string,
  title: unknown,
  now: Date,
): Promise<Result<{ account: Account }, Failure<"not_found" | "validation_failed">>> {
  const parsed = accountTitleSchema.safeParse(title);
  if (!parsed.success)
    return fail("validation_failed", "Check the title.", {
      title: parsed.error.issues.map((i) => i.message),
    });
  const account = await findAccountById(db, id);
  if (!account || account.removedAt !== null) return fail("not_found", "No such account.");
  await db.update(accounts).set({ title: parsed.data, updatedAt: now }).where(eq(accounts.id, id));
  return { ok: true, account: { ...account, title: parsed.data } };
}

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeAccountRole } from "../../src/accounts/change-role.ts";
import { createAccount } from "../../src/accounts/create.ts";
import { removeAccount } from "../../src/accounts/remove.ts";
import { findActiveAccountByEmail, listAccounts } from "../../src/accounts/store.ts";
import { accountSessions, accounts } from "../../src/db/schema.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { createTestDeps } from "../helpers/app.ts";

const now = new Date("2026-12-01T10:00:00Z");

describe("accounts", () => {
  it("creates an account with a normalised address and its hash, and finds it however the domain is spelt", async () => {
    const { db } = createTestDeps();
    const created = await createAccount(
      db,
      { email: "  Ana@Clinic.EXAMPLE ", name: "Ana Ruiz", role: "reviewer" },
      now,
    );
    if (!created.ok) throw new Error(created.message);
    expect(created.account).toMatchObject({
      email: "Ana@clinic.example",
      name: "Ana Ruiz",
      role: "reviewer",
    });
    expect(created.account.id).toMatch(/^acc_[0-9a-f]{32}$/);
    const [row] = await db.select().from(accounts).where(eq(accounts.id, created.account.id));
    expect(row?.emailHash).toBe(await hashEmail("ana@clinic.example"));
    expect((await findActiveAccountByEmail(db, "ana@CLINIC.example"))?.id).toBe(created.account.id);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const { db } = createTestDeps();
    const result = await createAccount(db, { email: "nope", name: "", role: "admin" }, now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("validation_failed");
    expect(Object.keys(result.fields ?? {}).sort()).toEqual(["email", "name", "role"]);
    expect(await db.select().from(accounts)).toEqual([]);
  });

  it("refuses a second account for the same address", async () => {
    const { db } = createTestDeps();
    await createAccount(db, { email: "sam@example.com", name: "Sam", role: "marketer" }, now);
    const again = await createAccount(db, { email: "sam@EXAMPLE.com", name: "Sam B", role: "owner" }, now);
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });

  it("removes softly, revokes sessions, and gives the same id back when the address is added again", async () => {
    const { db } = createTestDeps();
    await createAccount(db, { email: "owner@example.com", name: "Olive", role: "owner" }, now);
    const sam = await createAccount(db, { email: "sam@example.com", name: "Sam", role: "marketer" }, now);
    if (!sam.ok) throw new Error(sam.message);
    await db.insert(accountSessions).values({
      id: "s1",
      accountId: sam.account.id,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    });
    expect(await removeAccount(db, sam.account.id, now)).toMatchObject({ ok: true });
    expect((await listAccounts(db)).map((a) => a.name)).toEqual(["Olive"]);
    expect((await listAccounts(db, { includeRemoved: true })).map((a) => a.name)).toEqual(["Olive", "Sam"]);
    expect(await findActiveAccountByEmail(db, "sam@example.com")).toBeUndefined();
    const [session] = await db.select().from(accountSessions);
    expect(session?.revokedAt).toEqual(now);
    expect(await removeAccount(db, sam.account.id, now)).toMatchObject({ ok: false, code: "not_found" });

    const back = await createAccount(db, { email: "sam@example.com", name: "Sam", role: "reviewer" }, now);
    expect(back).toMatchObject({
      ok: true,
      reactivated: true,
      account: { id: sam.account.id, role: "reviewer" },
    });
  });

  it("never leaves the console without an owner", async () => {
    const { db } = createTestDeps();
    const olive = await createAccount(db, { email: "owner@example.com", name: "Olive", role: "owner" }, now);
    if (!olive.ok) throw new Error(olive.message);
    expect(await removeAccount(db, olive.account.id, now)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    expect(await changeAccountRole(db, olive.account.id, "marketer", now)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    const pat = await createAccount(db, { email: "pat@example.com", name: "Pat", role: "marketer" }, now);
    if (!pat.ok) throw new Error(pat.message);
    expect(await changeAccountRole(db, pat.account.id, "owner", now)).toMatchObject({ ok: true });
    expect(await changeAccountRole(db, olive.account.id, "marketer", now)).toMatchObject({
      ok: true,
      account: { role: "marketer" },
    });
    expect(await changeAccountRole(db, pat.account.id, "boss", now)).toMatchObject({
      ok: false,
      code: "validation_failed",
    });
  });
});

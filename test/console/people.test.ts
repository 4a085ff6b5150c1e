import { describe, expect, it } from "vitest";
import { findActiveAccountByEmail, listAccounts } from "../../src/accounts/store.ts";
import { accountSessions } from "../../src/db/schema.ts";
import { createTestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";

describe("/admin/people", () => {
  it("an owner adds a reviewer with a title, changes a role and removes someone", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner", name: "Olive Owner" });
    const added = await owner.post(t.app, "/admin/people", {
      email: "Dana@Clinic.EXAMPLE",
      name: "Dana Reyes",
      role: "reviewer",
      title: "Psychiatrist, MD",
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/people?done=added");
    const dana = await findActiveAccountByEmail(t.db, "dana@clinic.example");
    expect(dana).toMatchObject({
      name: "Dana Reyes",
      role: "reviewer",
      title: "Psychiatrist, MD",
      email: "Dana@clinic.example",
    });
    const page = await (await t.app.request("/admin/people?done=added", { headers: owner.headers })).text();
    expect(page).toContain("Account added.");
    expect(page).toContain("Dana Reyes");

    expect((await owner.post(t.app, `/admin/people/${dana?.id}/role`, { role: "marketer" })).status).toBe(
      303,
    );
    expect((await findActiveAccountByEmail(t.db, "dana@clinic.example"))?.role).toBe("marketer");
    expect(
      (await owner.post(t.app, `/admin/people/${dana?.id}/title`, { title: "Medical editor" })).status,
    ).toBe(303);
    expect((await findActiveAccountByEmail(t.db, "dana@clinic.example"))?.title).toBe("Medical editor");

    expect((await owner.post(t.app, `/admin/people/${dana?.id}/remove`)).status).toBe(303);
    expect((await listAccounts(t.db)).map((a) => a.name)).toEqual(["Olive Owner"]);
  });

  it("shows field messages for bad input and a duplicate address, and writes nothing", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    const bad = await owner.post(t.app, "/admin/people", { email: "nope", name: "", role: "boss" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain("Choose a role");
    expect(html).toContain('value="nope"');
    const dup = await owner.post(t.app, "/admin/people", {
      email: owner.account.email.toUpperCase().replace(/@.*/, (d) => d.toLowerCase()),
      name: "Someone Else",
      role: "marketer",
    });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("already exists");
    expect(await listAccounts(t.db)).toHaveLength(1);
  });

  it("keeps the last owner: no demotion, no removal, with the reason on the page", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    const demote = await owner.post(t.app, `/admin/people/${owner.account.id}/role`, { role: "marketer" });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain("This is the only owner");
    expect((await owner.post(t.app, `/admin/people/${owner.account.id}/remove`)).status).toBe(409);
    expect((await listAccounts(t.db))[0]?.role).toBe("owner");
  });

  it("removing someone signs them out everywhere", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(200);
    await owner.post(t.app, `/admin/people/${sam.account.id}/remove`);
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(302);
    const sessions = await t.db.select().from(accountSessions);
    expect(sessions.find((s) => s.accountId === sam.account.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it("is for owners only, reading and writing", async () => {
    const t = createTestApp();
    const marketer = await signInAs(t.app, t.deps, { role: "marketer" });
    expect((await t.app.request("/admin/people", { headers: marketer.headers })).status).toBe(403);
    const res = await marketer.post(t.app, "/admin/people", {
      email: "x@example.com",
      name: "Xavier",
      role: "owner",
    });
    expect(res.status).toBe(403);
    expect(await listAccounts(t.db)).toHaveLength(1);
  });
});

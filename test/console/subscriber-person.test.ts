// A person's page and its actions: what it shows, tags, unsubscribe, export and erase (with the typed
// confirmation), and every refusal leaving the person as they were.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, consents, subscribers, suppressions } from "../../src/db/schema.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { alex, createPerson } from "../privacy/helpers.ts";
import { postWithoutToken, staff } from "./people-helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

async function profile(id: string) {
  const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, id));
  return row;
}

describe("person page", () => {
  it("shows status, consent history, every email with its delivery state, and tags", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const id = await createPerson(t, alex);
    const res = await t.app.request(`/admin/subscribers/${id}`, { headers: marketer.headers });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Alex.Moreau@example.org");
    expect(html).toContain("<strong>Active</strong>");
    expect(html).toContain("Consent given");
    expect(html).toContain("Confirmed (double opt-in)");
    for (const lesson of t.deps.content.lessons)
      expect(html).toContain(lesson.subject.replace(/"/g, "&quot;"));
    expect(html).toContain("Welcome email");
    expect(html).toContain("Sent (no delivery report yet)");
    expect(html).toContain("No tags.");
    expect(html).toContain(ERASE_HINT);
  });

  it("answers 404 for an unknown id and for a malformed one", async () => {
    t = createTestApp();
    const { owner } = await staff(t);
    expect((await t.app.request("/admin/subscribers/sub_nobody", { headers: owner.headers })).status).toBe(
      404,
    );
    expect((await t.app.request("/admin/subscribers/bad%20id", { headers: owner.headers })).status).toBe(404);
    expect((await owner.post(t.app, "/admin/subscribers/sub_nobody/unsubscribe")).status).toBe(404);
  });

  it("adds and removes tags, and shows field messages for a bad tag", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const id = await createPerson(t, alex);
    const added = await marketer.post(t.app, `/admin/subscribers/${id}/tags`, { tags: "news, events" });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`/admin/subscribers/${id}?done=tagged`);
    expect((await profile(id))?.tags).toEqual(["events", "news"]);
    const page = await (
      await t.app.request(added.headers.get("location") ?? "", { headers: marketer.headers })
    ).text();
    expect(page).toContain("Tags added.");

    const bad = await marketer.post(t.app, `/admin/subscribers/${id}/tags`, { tags: "Depression Meds" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("There is a problem");
    expect(badHtml).toContain('value="Depression Meds"');
    expect((await profile(id))?.tags).toEqual(["events", "news"]);

    const removed = await marketer.post(t.app, `/admin/subscribers/${id}/tags/remove`, { tag: "news" });
    expect(removed.status).toBe(303);
    expect((await profile(id))?.tags).toEqual(["events"]);
  });

  it("unsubscribes: status, a withdrawal record with form console, and the drip's cancel event", async () => {
    t = createTestApp();
    const { owner } = await staff(t);
    const id = await createPerson(t, alex);
    const res = await owner.post(t.app, `/admin/subscribers/${id}/unsubscribe`);
    expect(res.status).toBe(303);
    expect((await profile(id))?.status).toBe("unsubscribed");
    const withdrawn = await t.db.select().from(consents).where(eq(consents.subscriberId, id));
    expect(withdrawn.at(-1)).toMatchObject({ action: "withdrawn", form: "console" });
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed").at(-1)?.data).toEqual({
      subscriberId: id,
      reason: "admin",
    });
    const again = await owner.post(t.app, `/admin/subscribers/${id}/unsubscribe`);
    expect(again.headers.get("location")).toBe(`/admin/subscribers/${id}?done=already-unsubscribed`);
  });

  it("exports everything held about the person as a JSON download", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const id = await createPerson(t, alex);
    const res = await marketer.post(t.app, `/admin/subscribers/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="subscriber-${id}.json"`);
    const body = (await res.json()) as { subscriberId: string; profile: { email: string }; sends: unknown[] };
    expect(body.subscriberId).toBe(id);
    expect(body.profile.email).toBe("Alex.Moreau@example.org");
    expect(body.sends.length).toBe(t.deps.content.lessons.length + 2);
  });

  it("erases only with the person's address typed in; otherwise 422 and nothing changes", async () => {
    t = createTestApp();
    const { owner } = await staff(t);
    const id = await createPerson(t, alex);
    for (const confirm of ["", "ERASE", "someone.else@example.org"]) {
      const res = await owner.post(t.app, `/admin/subscribers/${id}/erase`, { confirm });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("nothing was erased");
      expect(await profile(id)).toBeDefined();
    }
    const erased = await owner.post(t.app, `/admin/subscribers/${id}/erase`, {
      confirm: "alex.moreau@EXAMPLE.org",
    });
    expect(erased.status).toBe(303);
    expect(erased.headers.get("location")).toBe("/admin/subscribers?done=erased");
    expect(await profile(id)).toBeUndefined();
    const [suppressed] = await t.db
      .select()
      .from(suppressions)
      .where(eq(suppressions.emailHash, await hashEmail(alex.email)));
    expect(suppressed?.reason).toBe("erased");
    const list = await (
      await t.app.request("/admin/subscribers?done=erased", { headers: owner.headers })
    ).text();
    expect(list).toContain("The person was erased.");
    expect((await t.app.request(`/admin/subscribers/${id}`, { headers: owner.headers })).status).toBe(404);
    expect(t.logLines.join("\n")).not.toMatch(/alex\.moreau/i);
  });

  it("writes who did what to the audit log, by subscriber id (none once erased), never the address", async () => {
    t = createTestApp();
    const { owner } = await staff(t);
    const id = await createPerson(t, alex);
    await owner.post(t.app, `/admin/subscribers/${id}/tags`, { tags: "news" });
    await owner.post(t.app, `/admin/subscribers/${id}/tags/remove`, { tag: "news" });
    await owner.post(t.app, `/admin/subscribers/${id}/export`);
    await owner.post(t.app, `/admin/subscribers/${id}/unsubscribe`);
    const before = await t.db.select().from(auditLog);
    expect(before.map((r) => r.action)).toEqual([
      "subscriber.tags-added",
      "subscriber.tag-removed",
      "subscriber.exported",
      "subscriber.unsubscribed",
    ]);
    for (const row of before)
      expect(row).toMatchObject({ actorKind: "account", actorId: owner.account.id, targetId: id });
    expect(before[0]?.detail).toEqual({ tags: "news" });

    await owner.post(t.app, `/admin/subscribers/${id}/erase`, { confirm: "wrong@example.org" });
    await owner.post(t.app, `/admin/subscribers/${id}/erase`, { confirm: alex.email });
    const rows = await t.db.select().from(auditLog);
    expect(rows.map((r) => r.action)).toEqual([
      ...before.map((r) => r.action),
      "console POST /admin/subscribers/:id/erase",
    ]);
    // The trail stays, but once erased nothing in it points at the person's id.
    for (const row of rows)
      expect(row).toMatchObject({ actorId: owner.account.id, targetKind: "subscriber", targetId: null });
    expect(rows.at(-1)?.detail).toMatchObject({ erased: true });
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain("alex.moreau");
  });

  it("refuses every action without the CSRF token, and to a reviewer, changing nothing", async () => {
    t = createTestApp();
    const { marketer, reviewer } = await staff(t);
    const id = await createPerson(t, alex);
    const actions: [string, Record<string, string>][] = [
      ["tags", { tags: "news" }],
      ["tags/remove", { tag: "news" }],
      ["unsubscribe", {}],
      ["export", {}],
      ["erase", { confirm: alex.email }],
    ];
    for (const [action, fields] of actions) {
      const path = `/admin/subscribers/${id}/${action}`;
      const noToken = await postWithoutToken(t, marketer, path, fields);
      expect({ action, status: noToken.status }).toEqual({ action, status: 403 });
      expect(noToken.headers.get("content-disposition")).toBeNull();
      const wrongRole = await reviewer.post(t.app, path, fields);
      expect({ action, status: wrongRole.status }).toEqual({ action, status: 403 });
    }
    expect((await t.app.request(`/admin/subscribers/${id}`, { headers: reviewer.headers })).status).toBe(403);
    expect(await profile(id)).toMatchObject({ status: "active", tags: [] });
    expect(await t.db.select().from(auditLog)).toEqual([]);
  });
});

const ERASE_HINT = "Type the person&#39;s email address to confirm";

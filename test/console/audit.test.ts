import { describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";
import { formPost, latestLink, pressSignIn } from "./helpers.ts";

const ADMIN = { authorization: "Bearer test-admin-token-0123456789abcdef" };

const rows = (t: TestApp) => t.db.select().from(auditLog);

/** Every address any test here used, to prove none of them reached the log. */
function expectNoAddress(all: unknown[]) {
  expect(JSON.stringify(all)).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/);
}

describe("audit log", () => {
  it("records console account changes by who, what and target id, without addresses", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    await owner.post(t.app, "/admin/people", {
      email: "dana@clinic.example",
      name: "Dana Reyes",
      role: "reviewer",
    });
    const [dana] = (await rows(t)).filter((r) => r.action === "account.add");
    expect(dana).toMatchObject({
      actorKind: "account",
      actorId: owner.account.id,
      targetKind: "account",
      detail: { role: "reviewer" },
    });
    await owner.post(t.app, `/admin/people/${dana?.targetId}/role`, { role: "marketer" });
    await owner.post(t.app, `/admin/people/${dana?.targetId}/remove`);
    const all = await rows(t);
    expect(all.map((r) => r.action)).toEqual(["account.add", "account.role", "account.remove"]);
    expectNoAddress(all);
    // A refused change is not a change: nothing recorded.
    await owner.post(t.app, "/admin/people", { email: "bad", name: "", role: "x" });
    expect(await rows(t)).toHaveLength(3);
  });

  it("records sign-in and sign-out", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    await formPost(t, "/admin/login", { email: owner.account.email });
    await pressSignIn(t, (await latestLink(t, owner.account.email)) ?? "");
    await owner.post(t.app, "/admin/logout");
    const all = await rows(t);
    expect(all.map((r) => [r.action, r.actorId, r.targetId])).toEqual([
      ["account.sign-in", owner.account.id, owner.account.id],
      ["account.sign-out", owner.account.id, owner.account.id],
    ]);
  });

  it("records every state-changing admin API call as the API token, with the route and target id", async () => {
    const t = createTestApp();
    const created = await t.app.request("/api/admin/campaigns", {
      method: "POST",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify({ templateId: "questions-for-your-clinician" }),
    });
    expect(created.status).toBe(201);
    const { campaign } = (await created.json()) as { campaign: { id: string } };
    await t.app.request(`/api/admin/campaigns/${campaign.id}/test`, {
      method: "POST",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify({ to: ["me@hopemark.example"] }),
    });
    // Reads and refusals are not changes.
    await t.app.request("/api/admin/campaigns", { headers: ADMIN });
    await t.app.request("/api/admin/campaigns/cmp_missing/cancel", { method: "POST", headers: ADMIN });
    const all = await rows(t);
    expect(all.map((r) => [r.actorKind, r.actorId, r.action, r.targetKind, r.targetId])).toEqual([
      ["api-token", null, "api POST /api/admin/campaigns", "campaign", null],
      ["api-token", null, "api POST /api/admin/campaigns/:id/test", "campaign", campaign.id],
    ]);
    expectNoAddress(all);
  });

  it("erasure keeps the trail but not the person's id", async () => {
    const t = createTestApp();
    const signup = await t.app.request("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "alex@example.org", consent: true }),
    });
    expect(signup.status).toBe(202);
    const list = (await (await t.app.request("/api/admin/subscribers", { headers: ADMIN })).json()) as {
      subscribers: { id: string }[];
    };
    const id = list.subscribers[0]?.id ?? "";
    expect(
      (
        await t.app.request(`/api/admin/subscribers/${id}/tags`, {
          method: "POST",
          headers: { ...ADMIN, "content-type": "application/json" },
          body: JSON.stringify({ tags: ["news"] }),
        })
      ).status,
    ).toBeLessThan(300);
    expect((await rows(t)).map((r) => r.targetId)).toEqual([id]);
    expect(
      (await t.app.request(`/api/admin/subscribers/${id}`, { method: "DELETE", headers: ADMIN })).status,
    ).toBe(200);
    const all = await rows(t);
    expect(all.map((r) => [r.action, r.targetKind, r.targetId, r.detail.erased])).toEqual([
      ["api POST /api/admin/subscribers/:id/tags", "subscriber", null, true],
      ["api DELETE /api/admin/subscribers/:id", "subscriber", null, true],
    ]);
    expect(JSON.stringify(all)).not.toContain(id);
  });

  it("the owners' audit page lists entries newest first, a page at a time", async () => {
    let now = new Date("2026-12-01T09:00:00Z");
    const t = createTestApp({ now: () => now });
    const owner = await signInAs(t.app, t.deps, { role: "owner", name: "Olive Owner" });
    for (let i = 0; i < 55; i++) {
      now = new Date(now.getTime() + 60_000);
      await owner.post(t.app, `/admin/people/${owner.account.id}/title`, {
        title: `Lead editor ${"x".repeat(i % 3)}`.trim(),
      });
    }
    const first = await t.app.request("/admin/audit", { headers: owner.headers });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html.match(/<tr>/g)?.length).toBe(51); // header row + 50
    expect(html.indexOf("2026-12-01 09:55 UTC")).toBeLessThan(html.indexOf("2026-12-01 09:54 UTC"));
    expect(html).toContain("Olive Owner");
    const older = html.match(/href="(\/admin\/audit\?before=[^"]+)"/)?.[1]?.replace(/&amp;/g, "&") ?? "";
    const second = await (await t.app.request(older, { headers: owner.headers })).text();
    expect(second.match(/<tr>/g)?.length).toBe(6);
    expect(second).toContain("2026-12-01 09:01 UTC");
    expect(second).not.toContain("Older entries");
    const marketer = await signInAs(t.app, t.deps, { role: "marketer" });
    expect((await t.app.request("/admin/audit", { headers: marketer.headers })).status).toBe(403);
  });

  it("the audit page says 'erased' only for an erased person, not for a row without an id", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    await t.app.request("/api/admin/campaigns", {
      method: "POST",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify({ templateId: "questions-for-your-clinician" }),
    });
    const html = await (await t.app.request("/admin/audit", { headers: owner.headers })).text();
    expect(html).toContain("Admin API token");
    expect(html).toContain("api POST /api/admin/campaigns");
    expect(html).not.toContain("(erased)");
  });

  it("the audit page stacks into one card per entry on a phone, each cell labelled, an empty detail a dash", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    await owner.post(t.app, "/admin/logout");
    const viewer = await signInAs(t.app, t.deps, { role: "owner" });
    const html = await (await t.app.request("/admin/audit", { headers: viewer.headers })).text();
    expect(html).toContain('<table class="stack">');
    for (const label of ["When", "Who", "Action", "Target", "Detail"])
      expect(html).toContain(`<td data-label="${label}">`);
    expect(html).toContain('<th scope="col">What</th>');
    expect(html).toMatch(/<td data-label="Detail"><span class="muted">—<\/span><\/td>/);
  });
});

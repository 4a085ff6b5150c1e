import { describe, expect, it } from "vitest";
import { createAccount } from "../../src/accounts/create.ts";
import { removeAccount } from "../../src/accounts/remove.ts";
import { SESSION_IDLE_MS, SESSION_MAX_MS } from "../../src/accounts/sessions.ts";
import { accountSessions } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";
import { formPost, latestLink, pressSignIn, sessionCookie } from "./helpers.ts";

async function signInByLink(t: TestApp, origin = "http://newsletter.test") {
  const created = await createAccount(
    t.db,
    { email: "sam@team.hopemark.test", name: "Sam Rivera", role: "marketer" },
    t.deps.now(),
  );
  if (!created.ok) throw new Error(created.message);
  await formPost(t, "/admin/login", { email: "sam@team.hopemark.test" }, { origin });
  const link = (await latestLink(t, "sam@team.hopemark.test")) ?? "";
  return pressSignIn(t, link, { origin });
}

describe("console sessions", () => {
  it("sets an HttpOnly, SameSite=Lax cookie for / without Secure over plain http in development", async () => {
    const t = createTestApp();
    const res = await signInByLink(t);
    const header = res.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^hopemark_console=/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).toContain("Path=/");
    expect(header).not.toContain("Secure");
    expect(header).not.toContain("Domain");
  });

  it("uses the __Host- prefix and Secure when the public URL is https", async () => {
    const t = createTestApp({ env: { APP_URL: "https://newsletter.test" } });
    const res = await signInByLink(t, "https://newsletter.test");
    const header = res.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^__Host-hopemark_console=[A-Za-z0-9_-]{43};/);
    expect(header).toContain("Secure");
    expect(header).toContain("Path=/");
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).not.toContain("Domain");
    // The prefixed cookie is the one read back.
    const cookie = sessionCookie(res) ?? "";
    expect((await t.app.request("https://newsletter.test/admin", { headers: { cookie } })).status).toBe(200);
    const unprefixed = cookie.replace("__Host-", "");
    expect(
      (await t.app.request("https://newsletter.test/admin", { headers: { cookie: unprefixed } })).status,
    ).toBe(302);
  });

  it("records created, last seen, expiry, IP and user agent", async () => {
    const t = createTestApp({ env: { TRUST_PROXY: "1" } });
    await signInByLink(t);
    const [session] = await t.db.select().from(accountSessions);
    expect(session?.createdAt).toBeInstanceOf(Date);
    expect(session?.lastSeenAt).toBeInstanceOf(Date);
    expect(session?.expiresAt.getTime()).toBe((session?.createdAt.getTime() ?? 0) + SESSION_IDLE_MS);
  });

  it("sends a signed-out browser to the login page and an API client a 401", async () => {
    const t = createTestApp();
    const page = await t.app.request("/admin");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/admin/login");
    const api = await t.app.request("/admin/logout", {
      method: "POST",
      headers: { accept: "application/json", origin: "http://newsletter.test" },
    });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "signed_out" } });
    const garbage = await t.app.request("/admin", { headers: { cookie: "hopemark_console=forged" } });
    expect(garbage.status).toBe(302);
  });

  it("sign-out ends the session on the server: the same cookie no longer works", async () => {
    const t = createTestApp();
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(200);
    const out = await sam.post(t.app, "/admin/logout");
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/login?signed-out=1");
    expect(out.headers.get("set-cookie")).toMatch(/^hopemark_console=; Max-Age=0/);
    const after = await t.app.request("/admin", { headers: sam.headers });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/admin/login?ended=1");
    const [row] = await t.db.select().from(accountSessions);
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it("ends after 12 idle hours, and after 7 days however busy", async () => {
    let now = new Date("2026-12-01T09:00:00Z");
    const t = createTestApp({ now: () => now });
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    const step = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    step(SESSION_IDLE_MS - 60_000);
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(200);
    // Each use moves the idle window on, until the absolute limit.
    for (
      let used = SESSION_IDLE_MS - 60_000;
      used + SESSION_IDLE_MS / 2 < SESSION_MAX_MS;
      used += SESSION_IDLE_MS / 2
    ) {
      step(SESSION_IDLE_MS / 2);
      expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(200);
    }
    step(SESSION_IDLE_MS / 2);
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(302);

    const pat = await signInAs(t.app, t.deps, { role: "marketer" });
    step(SESSION_IDLE_MS);
    expect((await t.app.request("/admin", { headers: pat.headers })).status).toBe(302);
  });

  it("removing an account ends its sessions at once", async () => {
    const t = createTestApp();
    await signInAs(t.app, t.deps, { role: "owner" });
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    expect(await removeAccount(t.db, sam.account.id, t.deps.now())).toMatchObject({ ok: true });
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(302);
  });
});

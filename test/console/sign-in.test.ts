import { describe, expect, it } from "vitest";
import { createAccount } from "../../src/accounts/create.ts";
import { SIGN_IN_LINK_TTL_MS } from "../../src/accounts/sign-in.ts";
import { LOGIN_LIMIT_PER_ADDRESS, LOGIN_LIMIT_PER_IP } from "../../src/console/sign-in.tsx";
import { accountSessions, signInLinks } from "../../src/db/schema.ts";
import { assertSendable } from "../../src/mail/send-gate.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  formPost,
  latestLink,
  ORIGIN,
  outboxMessages,
  pressSignIn,
  sessionCookie,
  tokenOf,
} from "./helpers.ts";

function clockedApp() {
  let now = new Date("2026-12-01T09:00:00Z");
  const t = createTestApp({ now: () => now });
  return { t, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

async function withAccount(t: TestApp, email = "sam@team.hopemark.test", role = "marketer" as const) {
  const created = await createAccount(t.db, { email, name: "Sam Rivera", role }, t.deps.now());
  if (!created.ok) throw new Error(created.message);
  return created.account;
}

describe("console sign-in", () => {
  it("shows the form with an 'Email address' field and a 'Send sign-in link' button", async () => {
    const t = createTestApp();
    const res = await t.app.request("/admin/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<label for="field-email">Email address<\/label>/);
    expect(html).toMatch(/<input id="field-email" name="email" type="email"/);
    expect(html).toMatch(/<button type="submit">Send sign-in link<\/button>/);
  });

  it("answers the same whether or not the address has an account, and mails only the account", async () => {
    const t = createTestApp();
    await withAccount(t);
    const known = await formPost(t, "/admin/login", { email: "sam@team.hopemark.test" });
    const unknown = await formPost(t, "/admin/login", { email: "nobody@team.hopemark.test" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    expect(known.headers.get("set-cookie")).toBeNull();
    const messages = await outboxMessages(t);
    expect(messages.map((m) => m.to)).toEqual(["sam@team.hopemark.test"]);
  });

  it("mails a link that passes the send gate: crisis footer, attribution, postal address; no token stored in clear", async () => {
    const t = createTestApp();
    await withAccount(t);
    await formPost(t, "/admin/login", { email: "sam@TEAM.hopemark.test" });
    const [message] = await outboxMessages(t);
    if (!message) throw new Error("no email");
    expect(message.subject).toBe("Your sign-in link for the Hopemark Health console");
    expect(message.text).toContain("988");
    expect(message.text).toContain(t.deps.config.mail.postalAddress);
    expect(() =>
      assertSendable(
        {
          ...message,
          headers: {},
          idempotencyKey: "x",
          templateId: "console-sign-in",
          kind: "transactional",
        },
        { postalAddress: t.deps.config.mail.postalAddress },
      ),
    ).not.toThrow();
    const link = await latestLink(t, "sam@team.hopemark.test");
    expect(link).toMatch(/^http:\/\/newsletter\.test\/admin\/login\/link\?token=/);
    const token = tokenOf(link ?? "");
    const rows = await t.db.select().from(signInLinks);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(t.logLines.join("\n")).not.toContain(token);
  });

  it("opening the link signs nobody in; the button does, once, with a session row and a cookie", async () => {
    const t = createTestApp();
    const account = await withAccount(t);
    await formPost(t, "/admin/login", { email: "sam@team.hopemark.test" });
    const link = (await latestLink(t, "sam@team.hopemark.test")) ?? "";

    const page = await t.app.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(await page.text()).toContain("Sign in as Sam Rivera");
    expect(await t.db.select().from(accountSessions)).toEqual([]);

    const first = await pressSignIn(t, link, { "user-agent": "Firefox/140" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/admin");
    const cookie = sessionCookie(first);
    expect(cookie).toMatch(/^hopemark_console=[A-Za-z0-9_-]{43}$/);
    const [session] = await t.db.select().from(accountSessions);
    expect(session).toMatchObject({ accountId: account.id, userAgent: "Firefox/140", revokedAt: null });
    expect(session?.id).not.toBe(cookie?.split("=")[1]);

    const dashboard = await t.app.request("/admin", { headers: { cookie: cookie ?? "" } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Welcome, Sam Rivera");

    const again = await pressSignIn(t, link);
    expect(again.status).toBe(400);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("This sign-in link does not work");
    expect((await t.app.request(link)).status).toBe(400);
    expect(await t.db.select().from(accountSessions)).toHaveLength(1);
  });

  it("a link expires after 15 minutes", async () => {
    const { t, advance } = clockedApp();
    await withAccount(t);
    await formPost(t, "/admin/login", { email: "sam@team.hopemark.test" });
    const link = (await latestLink(t, "sam@team.hopemark.test")) ?? "";
    advance(SIGN_IN_LINK_TTL_MS - 1000);
    expect((await t.app.request(link)).status).toBe(200);
    advance(1000);
    const page = await t.app.request(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This sign-in link has expired");
    const pressed = await pressSignIn(t, link);
    expect(pressed.status).toBe(410);
    expect(pressed.headers.get("set-cookie")).toBeNull();
  });

  it("a made-up token and a tampered one sign nobody in; the real one still does", async () => {
    const t = createTestApp();
    await withAccount(t);
    await formPost(t, "/admin/login", { email: "sam@team.hopemark.test" });
    const link = (await latestLink(t, "sam@team.hopemark.test")) ?? "";
    const token = tokenOf(link);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect((await formPost(t, "/admin/login/link", { token: tampered })).status).toBe(400);
    expect((await formPost(t, "/admin/login/link", { token: "x" })).status).toBe(400);
    expect((await t.app.request("/admin/login/link")).status).toBe(400);
    expect((await pressSignIn(t, link)).status).toBe(303);
  });

  it("comes back to the page that sent the visitor to sign in, and never to another site", async () => {
    const t = createTestApp();
    await withAccount(t);
    const redirect = await t.app.request("/admin/people?x=1");
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Fpeople%3Fx%3D1");
    await formPost(t, "/admin/login", { email: "sam@team.hopemark.test", next: "/admin/people?x=1" });
    const link = (await latestLink(t, "sam@team.hopemark.test")) ?? "";
    expect(new URL(link).searchParams.get("next")).toBe("/admin/people?x=1");
    const res = await pressSignIn(t, link);
    expect(res.headers.get("location")).toBe("/admin/people?x=1");

    await formPost(t, "/admin/login", { email: "sam@team.hopemark.test", next: "//evil.example/admin" });
    const second = (await latestLink(t, "sam@team.hopemark.test")) ?? "";
    expect(new URL(second).searchParams.get("next")).toBeNull();
    const evil = await formPost(t, "/admin/login/link", {
      token: tokenOf(second),
      next: "https://evil.example",
    });
    expect(evil.headers.get("location")).toBe("/admin");
  });

  it("refuses a malformed address with a field message, and sends nothing", async () => {
    const t = createTestApp();
    const res = await formPost(t, "/admin/login", { email: "not-an-address" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain("Enter a valid email address");
    expect(await outboxMessages(t)).toEqual([]);
  });

  it("limits requests per address, whether or not it has an account", async () => {
    const t = createTestApp();
    await withAccount(t);
    for (const email of ["sam@team.hopemark.test", "nobody@team.hopemark.test"]) {
      for (let i = 0; i < LOGIN_LIMIT_PER_ADDRESS; i++)
        expect((await formPost(t, "/admin/login", { email })).status).toBe(200);
      const limited = await formPost(t, "/admin/login", { email });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect((await outboxMessages(t)).length).toBe(LOGIN_LIMIT_PER_ADDRESS);
    // Another address from the same IP still gets through: the address limit is not the IP limit.
    expect((await formPost(t, "/admin/login", { email: "third@team.hopemark.test" })).status).toBe(200);
  });

  it("limits requests per IP across addresses", async () => {
    const t = createTestApp({ env: { TRUST_PROXY: "1" } });
    const from = (ip: string, i: number) =>
      formPost(t, "/admin/login", { email: `p${i}@team.hopemark.test` }, { "x-forwarded-for": ip });
    for (let i = 0; i < LOGIN_LIMIT_PER_IP; i++) expect((await from("198.51.100.1", i)).status).toBe(200);
    expect((await from("198.51.100.1", 99)).status).toBe(429);
    expect((await from("198.51.100.2", 100)).status).toBe(200);
  });

  it("a signed-in visitor opening the login page goes to the dashboard", async () => {
    const t = createTestApp();
    await withAccount(t);
    await formPost(t, "/admin/login", { email: "sam@team.hopemark.test" });
    const cookie = sessionCookie(await pressSignIn(t, (await latestLink(t, "sam@team.hopemark.test")) ?? ""));
    const res = await t.app.request(`${ORIGIN}/admin/login`, { headers: { cookie: cookie ?? "" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin");
  });
});

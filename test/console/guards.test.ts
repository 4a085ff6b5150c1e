import { describe, expect, it } from "vitest";
import { CSRF_HEADER } from "../../src/console/csrf.ts";
import { createTestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";

describe("console guards", () => {
  it("answers the wrong role with a 403 page, the right one with the page", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    for (const role of ["marketer", "reviewer"] as const) {
      const someone = await signInAs(t.app, t.deps, { role });
      const res = await t.app.request("/admin/people", { headers: someone.headers });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(`your role is ${role}`);
    }
    expect((await t.app.request("/admin/people", { headers: owner.headers })).status).toBe(200);
  });

  it("shows owner-only sections in the navigation to owners only", async () => {
    const t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    const marketer = await signInAs(t.app, t.deps, { role: "marketer" });
    const ownerHtml = await (await t.app.request("/admin", { headers: owner.headers })).text();
    const marketerHtml = await (await t.app.request("/admin", { headers: marketer.headers })).text();
    expect(ownerHtml).toContain('href="/admin/people"');
    expect(ownerHtml).toContain('href="/admin/audit"');
    expect(marketerHtml).not.toContain('href="/admin/people"');
    expect(marketerHtml).toContain('href="/admin/campaigns"');
  });

  it("refuses a state-changing post without the CSRF token, with a wrong one, and another session's", async () => {
    const t = createTestApp();
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    const pat = await signInAs(t.app, t.deps, { role: "marketer" });
    const post = (body: URLSearchParams, headers: Record<string, string> = {}) =>
      t.app.request("/admin/logout", {
        method: "POST",
        headers: { ...sam.headers, "content-type": "application/x-www-form-urlencoded", ...headers },
        body,
      });
    for (const body of [
      new URLSearchParams(),
      new URLSearchParams({ _csrf: "wrong" }),
      new URLSearchParams({ _csrf: pat.csrfToken }),
    ]) {
      const res = await post(body);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("That request was refused");
    }
    // Nothing happened: still signed in.
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(200);
    // The header form (fetch) works as well as the field.
    const viaHeader = await t.app.request("/admin/logout", {
      method: "POST",
      headers: { ...sam.headers, [CSRF_HEADER]: sam.csrfToken },
    });
    expect(viaHeader.status).toBe(303);
  });

  it("refuses a form posted from a foreign origin even with a valid token", async () => {
    const t = createTestApp();
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    const res = await t.app.request("/admin/logout", {
      method: "POST",
      headers: {
        ...sam.headers,
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: sam.csrfToken }),
    });
    expect(res.status).toBe(403);
    expect((await t.app.request("/admin", { headers: sam.headers })).status).toBe(200);
    const login = await t.app.request("/admin/login", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "a@example.com" }),
    });
    expect(login.status).toBe(403);
  });

  it("serves console pages under a strict CSP, no-store, and the stylesheet from our origin", async () => {
    const t = createTestApp();
    const sam = await signInAs(t.app, t.deps, { role: "marketer" });
    const res = await t.app.request("/admin", { headers: sam.headers });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toContain(" key=");
    const css = await t.app.request("/admin/assets/console.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    expect((await t.app.request("/admin/assets/nope.js")).status).toBe(404);
  });
});

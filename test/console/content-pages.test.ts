// /admin/content and each lesson's page: every role may look, nobody signed out; the overview's columns; the
// preview in sandboxed frames with the plain text, under a policy that allows inline styles on that page only.
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { alex, createPerson } from "../privacy/helpers.ts";
import { staff } from "./people-helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("content pages", () => {
  it("sends a signed-out visitor to the login page", async () => {
    t = createTestApp();
    const res = await t.app.request("/admin/content", { headers: { accept: "text/html" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Fcontent");
  });

  it("lists the lessons in order with delay, review, content check and how many received each", async () => {
    t = createTestApp();
    const { owner, marketer, reviewer } = await staff(t);
    await createPerson(t, alex);
    for (const session of [owner, marketer, reviewer]) {
      expect((await t.app.request("/admin/content", { headers: session.headers })).status).toBe(200);
    }
    const html = await (await t.app.request("/admin/content", { headers: reviewer.headers })).text();
    const lessons = t.deps.content.lessons;
    const positions = lessons.map((l) => html.indexOf(`href="/admin/content/lessons/${l.id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(`${lessons[0]?.delay} after the previous email`);
    expect(html).toContain("No findings");
    expect(html).toMatch(/1 person<br\/?>/);
    expect(html).toContain(lessons.some((l) => l.reviewer) ? "Reviewed by" : "Not reviewed");
  });

  it("previews a lesson as HTML in sandboxed frames at two widths and as plain text", async () => {
    t = createTestApp();
    const { reviewer } = await staff(t);
    const lesson = t.deps.content.lessons[0];
    if (!lesson) throw new Error("no lessons");
    const res = await t.app.request(`/admin/content/lessons/${lesson.id}`, { headers: reviewer.headers });
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    const html = await res.text();
    const frames = html.match(/<iframe[^>]*>/g) ?? [];
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame).toMatch(/sandbox=""/);
      expect(frame).toContain("srcdoc=");
    }
    expect(html).toContain("preview-phone");
    expect(html).toMatch(/<pre class="plain-text"[^>]*>[\s\S]*988/);
    // The overview keeps the strict console policy.
    const overview = await t.app.request("/admin/content", { headers: reviewer.headers });
    expect(overview.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect((await t.app.request("/admin/content/lessons/nope", { headers: reviewer.headers })).status).toBe(
      404,
    );
  });
});

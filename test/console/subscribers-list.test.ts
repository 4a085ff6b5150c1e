// /admin/subscribers: who may see it, the filters and paging, and finding one person by exact address (a POST,
// so the address is never in a URL), with addresses kept out of the logs.
import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.ts";
import { SEARCH_PAGE_SIZE } from "../../src/subscribers/search.ts";
import { seed } from "../campaigns/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postWithoutToken, staff } from "./people-helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("subscriber list page", () => {
  it("sends a signed-out visitor to the login page and refuses a reviewer with 403", async () => {
    t = createTestApp();
    const signedOut = await t.app.request("/admin/subscribers?status=active", {
      headers: { accept: "text/html" },
    });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe(
      `/admin/login?next=${encodeURIComponent("/admin/subscribers?status=active")}`,
    );
    const { reviewer } = await staff(t);
    await seed(t, { count: 1, prefix: "sub_r" });
    const refused = await t.app.request("/admin/subscribers", { headers: reviewer.headers });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("sub_r000000@example.org");
    const find = await reviewer.post(t.app, "/admin/subscribers/find", { email: "sub_r000000@example.org" });
    expect(find.status).toBe(403);
  });

  it("shows owners and marketers the filtered, paged table with links to each person", async () => {
    t = createTestApp();
    const { owner, marketer } = await staff(t);
    await seed(t, { count: SEARCH_PAGE_SIZE + 2, prefix: "sub_a", tags: ["news"], country: "GB" });
    await seed(t, { count: 2, prefix: "sub_u", status: "unsubscribed" });

    const all = await t.app.request("/admin/subscribers", { headers: owner.headers });
    expect(all.status).toBe(200);
    const html = await all.text();
    expect(html).toContain(`${SEARCH_PAGE_SIZE + 4} people match.`);
    expect(html).toContain('<a href="/admin/subscribers/sub_a000000">sub_a000000@example.org</a>');
    expect(html).toContain(`/admin/subscribers?after=sub_a0000${SEARCH_PAGE_SIZE - 1}`);

    const next = await t.app.request(`/admin/subscribers?tag=news&after=sub_a0000${SEARCH_PAGE_SIZE - 1}`, {
      headers: marketer.headers,
    });
    const nextHtml = await next.text();
    expect(nextHtml).toContain(`${SEARCH_PAGE_SIZE + 2} people match.`);
    expect(nextHtml).toContain(`sub_a0000${SEARCH_PAGE_SIZE}@example.org`);
    expect(nextHtml).not.toContain("sub_a000000@example.org");
    expect(nextHtml).toContain('href="/admin/subscribers?tag=news">First page</a>');

    const unsubscribed = await (
      await t.app.request("/admin/subscribers?status=unsubscribed&tag=&locale=&country=", {
        headers: marketer.headers,
      })
    ).text();
    expect(unsubscribed).toContain("2 people match.");
    expect(unsubscribed).toContain("sub_u000001@example.org");
    expect(unsubscribed).not.toContain("sub_a000000@example.org");
    expect(unsubscribed).toMatch(/<option value="unsubscribed" selected="">/);
  });

  it("answers a bad filter with 422 and the field's message", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const res = await t.app.request("/admin/subscribers?country=USA&status=gone", {
      headers: marketer.headers,
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Use a two-letter country code like");
    expect(html).toContain('aria-invalid="true"');
  });

  it("finds a person by the exact address and sends the browser to their page", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    await seed(t, { count: 2, prefix: "sub_f" });
    const found = await marketer.post(t.app, "/admin/subscribers/find", {
      email: " SUB_F000001@Example.org ",
    });
    expect(found.status).toBe(303);
    expect(found.headers.get("location")).toBe("/admin/subscribers/sub_f000001");

    const partial = await marketer.post(t.app, "/admin/subscribers/find", { email: "sub_f000001" });
    expect(partial.status).toBe(422);
    expect(await partial.text()).toContain("exact addresses only");
    const unknown = await marketer.post(t.app, "/admin/subscribers/find", { email: "nobody@example.org" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Nobody on the list has that exact address.");
    expect(t.logLines.join("\n")).not.toMatch(/sub_f000001@|nobody@example/i);
    // A lookup changes nothing, so the audit trail records nothing.
    expect(await t.db.select().from(auditLog)).toEqual([]);
  });

  it("refuses a find without the CSRF token", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    await seed(t, { count: 1, prefix: "sub_f" });
    const res = await postWithoutToken(t, marketer, "/admin/subscribers/find", {
      email: "sub_f000000@example.org",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("location")).toBeNull();
  });
});

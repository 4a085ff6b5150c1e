// The console's own pages pass axe-core: sign-in (empty, with errors, check inbox, the link page and its
// refusals), the dashboard, people, and the refusals (wrong role, cross-site form).
import { afterEach, describe, expect, it } from "vitest";
import { createAccount } from "../../src/accounts/create.ts";
import { formPost, latestLink } from "../console/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";
import { axeViolations } from "./axe.ts";

let t: TestApp;
afterEach(() => t?.close());

async function check(name: string, res: Response | Promise<Response>) {
  const response = await res;
  expect(response.headers.get("content-type")).toContain("text/html");
  const violations = await axeViolations(await response.text());
  expect({ name, violations }).toEqual({ name, violations: [] });
}

describe("accessibility of the console pages", () => {
  it("sign-in pages", async () => {
    t = createTestApp();
    await createAccount(
      t.db,
      { email: "sam@team.hopemark.test", name: "Sam Rivera", role: "marketer" },
      t.deps.now(),
    );
    await check("login", t.app.request("/admin/login"));
    await check("login signed out", t.app.request("/admin/login?signed-out=1"));
    await check("login with errors", formPost(t, "/admin/login", { email: "nope" }));
    await check("check inbox", formPost(t, "/admin/login", { email: "sam@team.hopemark.test" }));
    const link = (await latestLink(t, "sam@team.hopemark.test")) ?? "";
    await check("link page", t.app.request(link));
    await check("bad link", t.app.request("/admin/login/link?token=nope"));
    await check(
      "cross-site",
      t.app.request("/admin/login", {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.example",
      }),
    );
  });

  it("signed-in pages", async () => {
    t = createTestApp();
    const owner = await signInAs(t.app, t.deps, { role: "owner" });
    const reviewer = await signInAs(t.app, t.deps, { role: "reviewer" });
    await check("dashboard (owner)", t.app.request("/admin", { headers: owner.headers }));
    await check("dashboard (reviewer)", t.app.request("/admin", { headers: reviewer.headers }));
    await check("people", t.app.request("/admin/people", { headers: owner.headers }));
    await check("forbidden", t.app.request("/admin/people", { headers: reviewer.headers }));
    await check(
      "people with errors",
      owner.post(t.app, "/admin/people", { email: "nope", name: "", role: "x" }),
    );
    await check(
      "people row refusal",
      owner.post(t.app, `/admin/people/${owner.account.id}/role`, { role: "reviewer" }),
    );
    await check("audit (empty)", t.app.request("/admin/audit", { headers: owner.headers }));
    await owner.post(t.app, "/admin/people", {
      email: "dana@clinic.example",
      name: "Dana Reyes",
      role: "reviewer",
    });
    await check("people after add", t.app.request("/admin/people?done=added", { headers: owner.headers }));
    await check("audit", t.app.request("/admin/audit", { headers: owner.headers }));
  });
});

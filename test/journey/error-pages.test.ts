// Unknown addresses and faults: a browser (Accept: text/html) gets a page in the layout with the crisis line
// first; an API client gets the JSON error shape. Neither gets a stack trace.
import { afterEach, describe, expect, it } from "vitest";
import { axeViolations } from "../a11y/axe.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

function crisisLineFirst(page: string) {
  const crisis = page.indexOf('<aside class="crisis"');
  expect(crisis).toBeGreaterThan(0);
  expect(crisis).toBeLessThan(page.indexOf("<main"));
  expect(page).toContain('<a href="tel:988">988</a>');
}

describe("404 and 500", () => {
  it("a browser gets an HTML 404 in the page layout, an API client JSON", async () => {
    t = createTestApp();
    const page = await t.app.request("/no-such-page", { headers: BROWSER });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    const body = await page.text();
    crisisLineFirst(body);
    expect(body).toContain("<h1>Page not found</h1>");
    expect(body).toContain('<a href="/">Subscribe to the newsletter</a>');
    expect(await axeViolations(body)).toEqual([]);

    for (const accept of [undefined, "application/json", "*/*"]) {
      const api = await t.app.request("/api/nothing-here", accept ? { headers: { accept } } : {});
      expect(api.status).toBe(404);
      expect(await api.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
    }
  });

  it("a fault answers 500 as a page for browsers and as JSON for API clients, without details", async () => {
    t = createTestApp();
    t.app.get("/boom", () => {
      throw new Error("secret internals at /srv/app.ts:12");
    });
    const page = await t.app.request("/boom", { headers: BROWSER });
    expect(page.status).toBe(500);
    const body = await page.text();
    crisisLineFirst(body);
    expect(body).toContain("<h1>Something went wrong on our side</h1>");
    expect(body).not.toContain("secret internals");
    const api = await t.app.request("/boom", { headers: { accept: "application/json" } });
    expect(api.status).toBe(500);
    expect(await api.json()).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side." },
    });
  });
});

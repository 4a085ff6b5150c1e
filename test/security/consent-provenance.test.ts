// A consent record's `form` says how the request arrived, decided by the route, never by the visitor: the
// public form's `source` cannot claim to be a webhook or an import, and what the client reports is kept in its
// own field, marked as reported.
import { afterEach, describe, expect, it } from "vitest";
import { consents, subscribers } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postForm, postJson } from "../journey/helpers.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("consent provenance on the public routes", () => {
  for (const source of ["webhook:tally", "webhook", "import:webinar-2026"]) {
    it(`refuses source=${source} from a visitor, writing nothing`, async () => {
      t = createTestApp();
      const json = await postJson(t.app, "/api/subscribe", { email: "a@example.com", consent: true, source });
      expect(json.status).toBe(422);
      expect(await json.json()).toMatchObject({
        error: { fields: { source: [expect.stringMatching(/reserved/)] } },
      });
      const form = await postForm(t.app, "/api/subscribe", { email: "a@example.com", consent: "on", source });
      expect(form.status).toBe(422);
      expect(await t.db.select().from(consents)).toEqual([]);
      expect(await t.db.select().from(subscribers)).toEqual([]);
    });
  }

  it("a form post from another origin is recorded as embed, whatever source it names", async () => {
    t = createTestApp();
    await postForm(
      t.app,
      "/api/subscribe",
      { email: "e@example.com", consent: "on", source: "hosted-form", page: "https://brand.example/news" },
      { origin: "https://brand.example" },
    );
    const [consent] = await t.db.select().from(consents);
    expect(consent).toMatchObject({
      form: "embed",
      reportedSource: "hosted-form",
      page: "https://brand.example/news",
    });
  });

  it("a form post from our own page is the hosted form; JSON is the API", async () => {
    t = createTestApp();
    await postForm(
      t.app,
      "/api/subscribe",
      { email: "h@example.com", consent: "on" },
      { origin: "http://newsletter.test" },
    );
    await postJson(t.app, "/api/subscribe", { email: "j@example.com", consent: true, source: "embed" });
    const rows = await t.db.select().from(consents);
    expect(rows.map((r) => [r.form, r.reportedSource])).toEqual([
      ["hosted-form", null],
      ["api", "embed"],
    ]);
  });
});

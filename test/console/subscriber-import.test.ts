// The CSV import pages: upload → preview (per-row findings, nothing written) → confirm → summary, and the
// refusals (no file, no source, a file with bad rows, no CSRF token, the wrong role).
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, subscribers } from "../../src/db/schema.ts";
import { seed } from "../campaigns/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { csvFile, multipart, staff } from "./people-helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const GOOD =
  "email,first_name,country,tags\r\nnoor@example.com,Noor,GB,news\r\nsub_e000000@example.org,,,\r\nkim@example.com,Kim,,\r\n";

async function count() {
  return (await t.db.select().from(subscribers)).length;
}

describe("CSV import pages", () => {
  it("previews the first rows with what would happen, writes nothing, then imports on confirm", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    await seed(t, { count: 1, prefix: "sub_e" });
    const upload = await t.app.request("/admin/subscribers/import", { headers: marketer.headers });
    expect(upload.status).toBe(200);
    expect(await upload.text()).toContain('enctype="multipart/form-data"');

    const preview = await multipart(t, marketer, "/admin/subscribers/import/preview", {
      file: csvFile(GOOD),
      source: "webinar-2026",
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(await count()).toBe(1);
    expect(html).toContain("What this import would do");
    expect(html).toMatch(/<strong>2<\/strong> new: will be added/);
    expect(html).toMatch(/<strong>1<\/strong> already on the list/);
    expect(html).toContain("noor@example.com");
    expect(html).toContain("pending until they confirm");
    expect(html).toContain("Import 2 new people");
    // The confirm form carries the file itself.
    expect(html).toMatch(
      /<input type="hidden" name="csv" value="email,first_name,country,tags\r?\nnoor@example.com/,
    );

    const confirmed = await multipart(t, marketer, "/admin/subscribers/import", {
      csv: GOOD,
      fileName: "people.csv",
      source: "webinar-2026",
    });
    expect(confirmed.status).toBe(200);
    const summary = await confirmed.text();
    expect(summary).toContain("Import finished");
    expect(summary).toContain("2 new people added from 3 rows");
    const rows = await t.db.select().from(subscribers);
    expect(rows.map((r) => [r.email, r.status, r.source]).sort()).toEqual([
      ["kim@example.com", "pending", "import:webinar-2026"],
      ["noor@example.com", "pending", "import:webinar-2026"],
      ["sub_e000000@example.org", "active", "test"],
    ]);
    const [entry] = await t.db.select().from(auditLog);
    expect(entry).toMatchObject({
      action: "subscribers.imported",
      actorId: marketer.account.id,
      detail: { source: "webinar-2026", priorConsent: false, created: 2, existing: 1, suppressed: 0 },
    });
  });

  it("shows each bad row's field messages with 422 and offers no import button", async () => {
    t = createTestApp();
    const { owner } = await staff(t);
    const res = await multipart(t, owner, "/admin/subscribers/import/preview", {
      file: csvFile("email,country\r\nnot-an-address,USA\r\nok@example.com,US\r\nok@example.com,US\r\n"),
      source: "fair",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("email: is not a valid email address");
    expect(html).toContain("country: use a two-letter country code");
    expect(html).toContain("email: duplicates line 3");
    expect(html).not.toContain('action="/admin/subscribers/import" enctype');
    expect(await count()).toBe(0);
  });

  it("refuses an upload without a file or a source, with field messages", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const res = await multipart(t, marketer, "/admin/subscribers/import/preview", { source: "Bad Source!" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Choose a CSV file to import.");
    expect(html).toContain("Source: up to 40 lower-case letters");
    const confirm = await multipart(t, marketer, "/admin/subscribers/import", { source: "fair" });
    expect(confirm.status).toBe(422);
    expect(await count()).toBe(0);
  });

  it("a confirm whose file no longer passes imports nothing and shows the findings", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const res = await multipart(t, marketer, "/admin/subscribers/import", {
      csv: "email\r\nbroken\r\n",
      source: "fair",
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Nothing was imported");
    expect(await count()).toBe(0);
  });

  it("refuses without the CSRF token and to a reviewer", async () => {
    t = createTestApp();
    const { marketer, reviewer } = await staff(t);
    const noToken = await multipart(
      t,
      marketer,
      "/admin/subscribers/import",
      { csv: GOOD, source: "fair" },
      { csrf: false },
    );
    expect(noToken.status).toBe(403);
    const wrongRole = await multipart(t, reviewer, "/admin/subscribers/import", {
      csv: GOOD,
      source: "fair",
    });
    expect(wrongRole.status).toBe(403);
    expect((await t.app.request("/admin/subscribers/import", { headers: reviewer.headers })).status).toBe(
      403,
    );
    expect(await count()).toBe(0);
  });
});

describe("CSV import pages with a large file", () => {
  it("take a file far over the 64 KB form limit (the import's own 5 MB applies)", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const lines = Array.from({ length: 4000 }, (_, i) => `reader.${i}@example.com,Reader,US,news\r\n`).join(
      "",
    );
    const csv = `email,first_name,country,tags\r\n${lines}`;
    expect(csv.length).toBeGreaterThan(150_000);
    const preview = await multipart(t, marketer, "/admin/subscribers/import/preview", {
      file: csvFile(csv),
      source: "big-list",
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toMatch(/<strong>4000<\/strong> new: will be added/);
    expect(html).toContain("The first 20 rows");
    const confirmed = await multipart(t, marketer, "/admin/subscribers/import", { csv, source: "big-list" });
    expect(confirmed.status).toBe(200);
    expect(await count()).toBe(4000);
  });
});

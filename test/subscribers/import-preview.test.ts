// The CSV import preview: every row classified as the import would treat it (new, existing, suppressed, invalid,
// duplicate), field messages for bad rows, the file-level verdict, and nothing written.
import { afterEach, describe, expect, it } from "vitest";
import { importSubscribers } from "../../src/subscribers/import.ts";
import { previewImport } from "../../src/subscribers/import-preview.ts";
import { seed, setup } from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";
import { suppress } from "../helpers/seed.ts";
import { allRows } from "../privacy/helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const header = "email,first_name,locale,country,tags,favourite_colour\r\n";

describe("previewImport", () => {
  it("classifies each row as the import would, and writes nothing", async () => {
    t = setup();
    await seed(t, { count: 1, prefix: "sub_e" });
    await suppress(t.db, "gone@example.org", "erased");
    const csv =
      header +
      "new.person@Example.COM,Noor,en-GB,gb,news;events,blue\r\n" +
      "SUB_E000000@example.org,,,,,\r\n" +
      "gone@example.org,,,,,\r\n" +
      "not-an-address,<b>,english,USA,Bad Tag,\r\n" +
      "new.person@example.com,,,,,\r\n";
    const before = allRows(t).length;
    const preview = await previewImport(t.deps, csv);
    expect(allRows(t).length).toBe(before);

    expect(preview).toMatchObject({
      importable: false,
      fileProblems: [],
      rowCount: 5,
      counts: { new: 1, existing: 1, suppressed: 1, invalid: 1, duplicate: 1 },
      ignoredColumns: ["favourite_colour"],
    });
    expect(preview.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "new"],
      [3, "existing"],
      [4, "suppressed"],
      [5, "invalid"],
      [6, "duplicate"],
    ]);
    expect(preview.rows[0]).toMatchObject({
      email: "new.person@example.com",
      firstName: "Noor",
      country: "gb",
      tags: "news;events",
    });
    expect(Object.keys(preview.rows[3]?.messages ?? {}).sort()).toEqual([
      "country",
      "email",
      "firstName",
      "locale",
      "tags",
    ]);
    expect(preview.rows[3]?.messages.email).toEqual(["is not a valid email address"]);
    expect(preview.rows[4]?.messages).toEqual({ email: ["duplicates line 2"] });
  });

  it("agrees with the import that follows it", async () => {
    t = setup();
    await seed(t, { count: 1, prefix: "sub_e" });
    await suppress(t.db, "gone@example.org", "bounced");
    const csv = `${header}a@example.com,,,,,\r\nb@example.com,,,,,\r\nsub_e000000@example.org,,,,,\r\ngone@example.org,,,,,\r\n`;
    const preview = await previewImport(t.deps, csv);
    expect(preview).toMatchObject({
      importable: true,
      counts: { new: 2, existing: 1, suppressed: 1, invalid: 0, duplicate: 0 },
    });
    const result = await importSubscribers(t.deps, csv, { source: "webinar", priorConsent: false });
    expect(result).toMatchObject({ ok: true, created: 2, existing: 1, suppressed: 1, rows: 4 });
  });

  it("returns only the first rows, but counts the whole file", async () => {
    t = setup();
    const lines = Array.from({ length: 30 }, (_, i) => `p${i}@example.com,,,,,\r\n`).join("");
    const preview = await previewImport(t.deps, `${header}${lines}bad,,,,,\r\n`, 10);
    expect(preview.rows).toHaveLength(10);
    expect(preview).toMatchObject({ rowCount: 31, importable: false, counts: { new: 30, invalid: 1 } });
  });

  it("reports a file that cannot be read at all", async () => {
    t = setup();
    expect(await previewImport(t.deps, "")).toMatchObject({
      importable: false,
      fileProblems: [expect.stringContaining("The file is empty")],
      rows: [],
    });
    expect(await previewImport(t.deps, "name,country\r\nSam,US\r\n")).toMatchObject({
      importable: false,
      fileProblems: ['The first line must name the columns and include "email".'],
    });
    const broken = await previewImport(t.deps, 'email\r\n"never closed\r\n');
    expect(broken.fileProblems).toEqual(["line 2: a quoted field is never closed"]);
  });
});

// Subscriber admin: list with filters and keyset paging, tag/untag, CSV import with consent rules, CSV export,
// and the round trip export -> import -> export.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { consents, pendingEvents, subscribers } from "../../src/db/schema.ts";
import { csvCell, parseCsv, uncsvCell } from "../../src/lib/csv.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import type { TestApp } from "../helpers/app.ts";
import { admin, auth, seed, setup, suppress } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

function importCsv(app: TestApp, csv: string, query: string) {
  return app.app.request(`/api/admin/subscribers/import?${query}`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/csv" },
    body: csv,
  });
}

async function exportCsv(app: TestApp, query = "") {
  const res = await app.app.request(`/api/admin/subscribers/export${query}`, { headers: auth });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  return res.text();
}

type ListBody = {
  subscribers: { id: string; email: string; tags: string[]; status: string }[];
  nextCursor: string | null;
};

describe("list", () => {
  it("filters by status, tag, locale, country and address, and pages by cursor", async () => {
    t = setup();
    await seed(t, { count: 7, prefix: "sub_a", tags: ["news"], locale: "en-GB", country: "GB" });
    await seed(t, { count: 3, prefix: "sub_b", tags: ["events"], country: "US" });
    await seed(t, { count: 2, prefix: "sub_c", status: "unsubscribed", tags: ["news"] });

    const page1 = (await (
      await admin(t, "GET", "/api/admin/subscribers?tag=news&limit=4")
    ).json()) as ListBody;
    expect(page1.subscribers.map((s) => s.id)).toEqual([
      "sub_a000000",
      "sub_a000001",
      "sub_a000002",
      "sub_a000003",
    ]);
    const page2 = (await (
      await admin(t, "GET", `/api/admin/subscribers?tag=news&limit=4&after=${page1.nextCursor}`)
    ).json()) as ListBody;
    expect(page2.subscribers.map((s) => s.id)).toEqual([
      "sub_a000004",
      "sub_a000005",
      "sub_a000006",
      "sub_c000000",
    ]);
    const page3 = (await (
      await admin(t, "GET", `/api/admin/subscribers?tag=news&limit=4&after=${page2.nextCursor}`)
    ).json()) as ListBody;
    expect(page3).toMatchObject({ subscribers: [{ id: "sub_c000001" }], nextCursor: null });

    const active = (await (
      await admin(t, "GET", "/api/admin/subscribers?status=active&locale=en&country=gb")
    ).json()) as ListBody;
    expect(active.subscribers).toHaveLength(7);
    const one = (await (
      await admin(t, "GET", "/api/admin/subscribers?email=sub_b000001@EXAMPLE.org")
    ).json()) as ListBody;
    expect(one.subscribers.map((s) => s.id)).toEqual(["sub_b000001"]);

    const bad = await admin(t, "GET", "/api/admin/subscribers?status=gone&limit=0");
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields).sort()).toEqual([
      "limit",
      "status",
    ]);
  });
});

describe("tags", () => {
  it("adds with set semantics and removes one tag", async () => {
    t = setup();
    const [person] = await seed(t, { count: 1, tags: ["news"] });
    const id = person?.id ?? "";
    const added = await admin(t, "POST", `/api/admin/subscribers/${id}/tags`, {
      tags: ["events", "news", "research"],
    });
    expect(added.status).toBe(200);
    expect(((await added.json()) as { subscriber: { tags: string[] } }).subscriber.tags).toEqual([
      "events",
      "news",
      "research",
    ]);
    const removed = await t.app.request(`/api/admin/subscribers/${id}/tags/news`, {
      method: "DELETE",
      headers: auth,
    });
    expect(((await removed.json()) as { subscriber: { tags: string[] } }).subscriber.tags).toEqual([
      "events",
      "research",
    ]);
    expect(
      (await admin(t, "POST", `/api/admin/subscribers/${id}/tags`, { tags: ["Has Spaces"] })).status,
    ).toBe(422);
    expect(
      (await admin(t, "POST", "/api/admin/subscribers/sub_missing/tags", { tags: ["news"] })).status,
    ).toBe(404);
    const [row] = await t.db
      .select({ tags: subscribers.tags })
      .from(subscribers)
      .where(eq(subscribers.id, id));
    expect(row?.tags).toEqual(["events", "research"]);
  });
});

describe("CSV import", () => {
  const csv = [
    "email,first_name,locale,country,tags",
    "ana@example.org,Ana,en-GB,gb,news;events",
    '"bo@Example.ORG","Bo-Ray O\'Neil",,us,',
    "cy@example.org,,,,news",
  ].join("\r\n");

  it("accepts files larger than the 64 KB limit for other requests, and refuses oversized ones with 413", async () => {
    t = setup();
    const rows = Array.from({ length: 2_500 }, (_, i) => `reader${i}@example.org,Reader,en,us,news`);
    const big = ["email,first_name,locale,country,tags", ...rows].join("\n");
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await importCsv(t, big, "source=crm");
    expect(res.status).toBe(201);
    expect(((await res.json()) as { imported: { created: number } }).imported.created).toBe(2_500);

    const huge = `email\n${"x".repeat(6 * 1024 * 1024)}`;
    const refused = await importCsv(t, huge, "source=crm");
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("without prior consent: pending, source recorded, confirmation requested, no consent claimed", async () => {
    t = setup();
    const res = await importCsv(t, csv, "source=webinar-2026");
    expect(res.status).toBe(201);
    expect(((await res.json()) as { imported: object }).imported).toMatchObject({
      rows: 3,
      created: 3,
      pending: 3,
      active: 0,
    });
    const rows = await t.db.select().from(subscribers);
    expect(rows.map((r) => r.status)).toEqual(["pending", "pending", "pending"]);
    const bo = rows.find((r) => r.email === "bo@example.org");
    expect(bo).toMatchObject({
      firstName: "Bo-Ray O'Neil",
      locale: "en",
      country: "US",
      source: "import:webinar-2026",
    });
    expect(rows.find((r) => r.email === "ana@example.org")?.tags).toEqual(["news", "events"]);
    expect(await t.db.select().from(consents)).toHaveLength(0);
    const created = t.inngestApi.named("newsletter/subscriber.created");
    expect(created.map((e) => e.data.subscriberId).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("with prior consent: active, and a consent row naming the stated source, time and wording", async () => {
    t = setup();
    const res = await importCsv(
      t,
      csv,
      "source=webinar-2026&priorConsent=true&consentedAt=2026-03-01T12:00:00Z&page=https://hopemark.example/webinar?utm=x&wordingVersion=webinar-form-v2",
    );
    expect(res.status).toBe(201);
    const rows = await t.db.select().from(subscribers);
    expect(rows.every((r) => r.status === "active")).toBe(true);
    const records = await t.db.select().from(consents);
    expect(records).toHaveLength(3);
    for (const c of records) {
      expect(c).toMatchObject({
        action: "given",
        form: "import:webinar-2026",
        page: "https://hopemark.example/webinar",
        wordingVersion: "webinar-form-v2",
      });
      expect(c.at.toISOString()).toBe("2026-03-01T12:00:00.000Z");
    }
    expect(t.inngestApi.named("newsletter/subscriber.created")).toHaveLength(0);
  });

  it("never changes existing subscribers and never re-adds suppressed addresses", async () => {
    t = setup();
    const [left] = await seed(t, { count: 1, prefix: "sub_u", status: "unsubscribed" });
    await suppress(t, "erased@example.org", "manual");
    const file = [
      "email,first_name",
      `${left?.email},Changed`,
      "erased@example.org,Erin",
      "new@example.org,Nia",
    ].join("\n");
    const res = await importCsv(t, file, "source=crm&priorConsent=yes");
    expect(((await res.json()) as { imported: object }).imported).toMatchObject({
      rows: 3,
      created: 1,
      existing: 1,
      suppressed: 1,
    });
    const [unchanged] = await t.db
      .select()
      .from(subscribers)
      .where(eq(subscribers.id, left?.id ?? ""));
    expect(unchanged).toMatchObject({ status: "unsubscribed", firstName: "Reader0" });
    expect(
      await t.db
        .select()
        .from(subscribers)
        .where(eq(subscribers.emailHash, await hashEmail("erased@example.org"))),
    ).toHaveLength(0);
  });

  it("rejects the whole file when any row is bad, naming line and column", async () => {
    t = setup();
    const file = [
      "email,first_name,country",
      "ok@example.org,Ok,US",
      "broken,<b>x</b>,USA",
      "ok@EXAMPLE.org,Dup,US",
    ].join("\n");
    const res = await importCsv(t, file, "source=crm");
    expect(res.status).toBe(422);
    const fields = ((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual([
      "line 3.country",
      "line 3.email",
      "line 3.firstName",
      "line 4.email",
    ]);
    expect(await t.db.select().from(subscribers)).toHaveLength(0);
    expect(await t.db.select().from(pendingEvents)).toHaveLength(0);

    expect((await importCsv(t, 'email\n"unterminated', "source=crm")).status).toBe(422);
    expect((await importCsv(t, "name\nx", "source=crm")).status).toBe(422);
    const noSource = await importCsv(t, "email\na@example.org", "");
    expect(((await noSource.json()) as { error: { fields: object } }).error.fields).toHaveProperty("source");
    const wrongType = await t.app.request("/api/admin/subscribers/import?source=crm", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{}",
    });
    expect(wrongType.status).toBe(415);
  });

  it("answers 409 and writes nothing when one of the addresses signs up while the file is imported", async () => {
    t = setup();
    // The import reads which addresses exist, then writes. This trigger plays a visitor whose signup lands in
    // between: just before the import's row for late@ goes in, a row with the same address appears.
    t.sqlite.exec(`
      CREATE TRIGGER signup_lands_meanwhile BEFORE INSERT ON subscribers
      WHEN NEW.email = 'late@example.org' AND NEW.id <> 'sub_visitor'
      BEGIN
        INSERT INTO subscribers (id, email, email_hash, source) VALUES ('sub_visitor', NEW.email, NEW.email_hash, 'hosted-form');
      END;`);
    const res = await importCsv(t, "email\nearly@example.org\nlate@example.org\n", "source=crm");
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
    // All or nothing: the batch rolled back, early@ included (and, here, the trigger's own row with it).
    expect(await t.db.select().from(subscribers)).toHaveLength(0);
    expect(await t.db.select().from(pendingEvents)).toHaveLength(0);
    expect(t.inngestApi.named("newsletter/subscriber.created")).toHaveLength(0);

    // Once the visitor's signup is in, the same file imports the other address and leaves theirs alone.
    t.sqlite.exec("DROP TRIGGER signup_lands_meanwhile");
    await importCsv(t, "email\nlate@example.org\n", "source=hosted");
    const retry = await importCsv(t, "email\nearly@example.org\nlate@example.org\n", "source=crm");
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { imported: object }).imported).toMatchObject({ rows: 2, created: 1 });
  });
});

describe("CSV export", () => {
  it("round-trips through import, including quoted cells and formula-looking addresses", async () => {
    t = setup();
    const original = [
      "email,first_name,locale,country,tags",
      '"quote@example.org","Zoë O\'Brien",en,US,news',
      "-dash@example.org,Bo,en-GB,GB,news;events",
      "+plus@example.org,,fr,,",
    ].join("\n");
    expect((await importCsv(t, original, "source=crm&priorConsent=true")).status).toBe(201);
    const exported = await exportCsv(t);
    expect(exported).toContain("'-dash@example.org");
    expect(exported).toContain("'+plus@example.org");

    const other = setup();
    try {
      expect((await importCsv(other, exported, "source=crm&priorConsent=true")).status).toBe(201);
      const again = await exportCsv(other);
      const pick = (text: string) =>
        parseCsv(text)
          .slice(1)
          .map(({ cells }) =>
            [cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]].join("|"),
          )
          .sort();
      expect(pick(again)).toEqual(pick(exported));
      const names = (await other.db.select({ n: subscribers.firstName }).from(subscribers))
        .map((r) => r.n)
        .sort();
      expect(names).toEqual(["Bo", "Zoë O'Brien", null]);
      const emails = (await other.db.select({ e: subscribers.email }).from(subscribers))
        .map((r) => r.e)
        .sort();
      expect(emails).toEqual(["+plus@example.org", "-dash@example.org", "quote@example.org"]);
    } finally {
      other.close();
    }
  });

  it("exports with filters, page by page", async () => {
    t = setup();
    await seed(t, { count: 1203, prefix: "sub_x", tags: ["news"] });
    await seed(t, { count: 4, prefix: "sub_y", tags: ["events"] });
    const lines = parseCsv(await exportCsv(t, "?tag=news"));
    expect(lines[0]?.cells).toEqual([
      "id",
      "email",
      "first_name",
      "status",
      "locale",
      "country",
      "time_zone",
      "tags",
      "topics",
      "paused_until",
      "source",
      "created_at",
      "confirmed_at",
      "unsubscribed_at",
    ]);
    expect(lines).toHaveLength(1204);
    expect(new Set(lines.slice(1).map((l) => l.cells[0])).size).toBe(1203);
  });

  it("CSV cells survive quoting and the formula guard", () => {
    for (const value of ["a,b", 'say "hi"', "=SUM(A1)", "@home", "+1", "line\nbreak", " padded "]) {
      const [row] = parseCsv(`${csvCell(value)}\n`);
      expect(uncsvCell(row?.cells[0] ?? "")).toBe(value);
    }
  });
});

// Address rules (RFC 5321 limits, internationalised domains) and names, on the form/API and the CSV import.
import { afterEach, describe, expect, it } from "vitest";
import { subscribers } from "../../src/db/schema.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postJson, subscriberByEmail } from "../journey/helpers.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const ADMIN = { authorization: "Bearer test-admin-token-0123456789abcdef", "content-type": "text/csv" };

async function fieldsOf(res: Response) {
  return ((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
}

describe("email address validation", () => {
  it("refuses a local part over 64 characters and an address over 254, accepts the limits", async () => {
    t = createTestApp();
    const local64 = "a".repeat(64);
    const over = await postJson(t.app, "/api/subscribe", { email: `a${local64}@example.com`, consent: true });
    expect(over.status).toBe(422);
    expect((await fieldsOf(over)).email).toEqual(["The part before the @ can be at most 64 characters."]);

    const domain = `${"d".repeat(63)}.${"e".repeat(63)}.${"g".repeat(58)}.com`;
    const long = `${local64}@${domain}`;
    expect(long.length).toBe(255);
    const tooLong = await postJson(t.app, "/api/subscribe", { email: long, consent: true });
    expect(tooLong.status).toBe(422);
    expect(Object.keys(await fieldsOf(tooLong))).toEqual(["email"]);

    expect(
      (await postJson(t.app, "/api/subscribe", { email: `${local64}@example.com`, consent: true })).status,
    ).toBe(202);
  });

  it("stores and hashes an internationalised domain in punycode", async () => {
    t = createTestApp();
    const res = await postJson(t.app, "/api/subscribe", { email: "leser@Bücher.example", consent: true });
    expect(res.status).toBe(202);
    const [row] = await t.db.select().from(subscribers);
    expect(row?.email).toBe("leser@xn--bcher-kva.example");
    expect(row?.emailHash).toBe(await hashEmail("leser@xn--bcher-kva.example"));
    // The same person typing the ASCII form is the same subscriber.
    expect(await subscriberByEmail(t.db, "leser@xn--bcher-kva.example")).toMatchObject({ id: row?.id });
  });

  it("refuses a first name that starts with a combining mark", async () => {
    t = createTestApp();
    const res = await postJson(t.app, "/api/subscribe", {
      email: "z@example.com",
      consent: true,
      firstName: "\u0301\u0301\u0301Sam",
    });
    expect(res.status).toBe(422);
    expect(Object.keys(await fieldsOf(res))).toEqual(["firstName"]);
    // A combining mark after a letter is an ordinary accent.
    const ok = await postJson(t.app, "/api/subscribe", {
      email: "z@example.com",
      consent: true,
      firstName: "Zoe\u0308",
    });
    expect(ok.status).toBe(202);
  });

  it("the CSV import applies the same rules", async () => {
    t = createTestApp();
    const csv = `email,first_name\n${"b".repeat(65)}@example.com,Sam\nleser@bücher.example,\u0301Eve\n`;
    const res = await t.app.request("/api/admin/subscribers/import?source=webinar", {
      method: "POST",
      headers: ADMIN,
      body: csv,
    });
    expect(res.status).toBe(422);
    expect(Object.keys(await fieldsOf(res)).sort()).toEqual(["line 2.email", "line 3.firstName"]);
    const good = await t.app.request("/api/admin/subscribers/import?source=webinar", {
      method: "POST",
      headers: ADMIN,
      body: "email\nleser@bücher.example\n",
    });
    expect(good.status).toBe(201);
    expect((await t.db.select().from(subscribers))[0]?.email).toBe("leser@xn--bcher-kva.example");
  });
});

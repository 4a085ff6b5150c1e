// isUniqueViolation decides whether a failed write was a race on a unique address (signup and CSV import retry or
// answer 409) or a real fault (thrown). Checked against the errors the real driver raises through drizzle.
import { afterEach, describe, expect, it } from "vitest";
import { atomic, isUniqueViolation } from "../../src/db/client.ts";
import { openNodeDb } from "../../src/db/node.ts";
import { consents, subscribers } from "../../src/db/schema.ts";

let db: ReturnType<typeof openNodeDb> | undefined;
afterEach(() => db?.close());

async function failure(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error("the write was expected to fail");
}

const row = (id: string, email: string) => ({ id, email, emailHash: `hash:${email}`, source: "test" });

describe("isUniqueViolation", () => {
  it("recognises a duplicate address or id, alone or inside an atomic batch", async () => {
    db = openNodeDb(":memory:");
    const { db: d } = db;
    await d.insert(subscribers).values(row("sub_1", "a@example.org"));
    const sameAddress = await failure(() => d.insert(subscribers).values(row("sub_2", "a@example.org")));
    const sameId = await failure(() => d.insert(subscribers).values(row("sub_1", "b@example.org")));
    const inBatch = await failure(() =>
      atomic(d, [
        d.insert(subscribers).values(row("sub_3", "c@example.org")),
        d.insert(subscribers).values(row("sub_4", "a@example.org")),
      ]),
    );
    for (const error of [sameAddress, sameId, inBatch]) expect(isUniqueViolation(error)).toBe(true);
    // The batch wrote nothing.
    expect(await d.select().from(subscribers)).toHaveLength(1);
  });

  it("finds the driver's message however deep the wrapping, including a bare string cause", () => {
    const driver = "D1_ERROR: UNIQUE constraint failed: subscribers.email_hash: SQLITE_CONSTRAINT";
    expect(isUniqueViolation(new Error("Failed query", { cause: new Error(driver) }))).toBe(true);
    expect(isUniqueViolation(new Error("outer", { cause: new Error("middle", { cause: driver }) }))).toBe(
      true,
    );
  });

  it("does not mistake other failures for a race", async () => {
    db = openNodeDb(":memory:");
    const { db: d } = db;
    const missingParent = await failure(() =>
      d.insert(consents).values({ id: "con_1", subscriberId: "sub_missing", action: "given", form: "test" }),
    );
    expect(missingParent).toBeInstanceOf(Error);
    expect(isUniqueViolation(missingParent)).toBe(false);
    expect(isUniqueViolation(new Error("connection reset"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation("NOT NULL constraint failed: subscribers.email")).toBe(false);
    const loop = new Error("wrapper");
    loop.cause = new Error("inner", { cause: loop });
    expect(isUniqueViolation(loop)).toBe(false);
  });
});

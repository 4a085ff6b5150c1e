// The console's subscriber search: filters with a total and keyset paging, blank form fields meaning "no filter",
// and finding a person by exact address only (through the hash, whatever the case).
import { afterEach, describe, expect, it } from "vitest";
import {
  findByEmailSchema,
  findSubscriberIdByEmail,
  SEARCH_PAGE_SIZE,
  searchQuerySchema,
  searchSubscribers,
} from "../../src/subscribers/search.ts";
import { seed, setup } from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("searchSubscribers", () => {
  it("filters by status, tag, locale and country, counts every match and pages by cursor", async () => {
    t = setup();
    await seed(t, {
      count: SEARCH_PAGE_SIZE + 5,
      prefix: "sub_a",
      tags: ["news"],
      locale: "en-GB",
      country: "GB",
    });
    await seed(t, { count: 3, prefix: "sub_b", tags: ["events"], country: "US" });
    await seed(t, { count: 2, prefix: "sub_c", status: "unsubscribed", tags: ["news"], locale: "es" });

    const first = await searchSubscribers(t.deps, searchQuerySchema.parse({ tag: "news" }));
    expect(first.total).toBe(SEARCH_PAGE_SIZE + 7);
    expect(first.subscribers).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.nextCursor).toBe(first.subscribers.at(-1)?.id);
    const second = await searchSubscribers(
      t.deps,
      searchQuerySchema.parse({ tag: "news", after: first.nextCursor }),
    );
    expect(second.subscribers.map((s) => s.id)).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `sub_a0000${50 + i}`),
      "sub_c000000",
      "sub_c000001",
    ]);
    expect(second).toMatchObject({ nextCursor: null, total: SEARCH_PAGE_SIZE + 7 });

    const unsubscribed = await searchSubscribers(t.deps, searchQuerySchema.parse({ status: "unsubscribed" }));
    expect(unsubscribed.subscribers.map((s) => s.id)).toEqual(["sub_c000000", "sub_c000001"]);
    const us = await searchSubscribers(t.deps, searchQuerySchema.parse({ country: "us", status: "active" }));
    expect(us).toMatchObject({ total: 3, subscribers: [{ id: "sub_b000000" }, {}, {}] });
    const spanish = await searchSubscribers(t.deps, searchQuerySchema.parse({ locale: "es" }));
    expect(spanish.total).toBe(2);
  });

  it("reads a browser form: blank fields are no filter, bad ones get field messages", () => {
    expect(searchQuerySchema.parse({ status: "", tag: " ", locale: "", country: "", after: "" })).toEqual({
      status: undefined,
      tag: undefined,
      locale: undefined,
      country: undefined,
      after: undefined,
    });
    const bad = searchQuerySchema.safeParse({ status: "gone", country: "USA", tag: "Bad Tag" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["country", "status", "tag"]);
  });
});

describe("findSubscriberIdByEmail", () => {
  it("matches the whole address in any case, and never part of one", async () => {
    t = setup();
    await seed(t, { count: 2, prefix: "sub_f" });
    expect(await findSubscriberIdByEmail(t.deps, "SUB_F000001@Example.ORG")).toEqual({
      ok: true,
      id: "sub_f000001",
    });
    for (const partial of ["sub_f000001", "example.org", "sub_f00000%@example.org", "@example.org"]) {
      expect(await findSubscriberIdByEmail(t.deps, partial)).toMatchObject({ ok: false, code: "not_found" });
    }
  });

  it("asks for a whole address on the form", () => {
    const parsed = findByEmailSchema.safeParse({ email: "example.org" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("exact addresses only");
    expect(findByEmailSchema.parse({ email: "  Sam@EXAMPLE.com " })).toEqual({ email: "Sam@example.com" });
  });
});

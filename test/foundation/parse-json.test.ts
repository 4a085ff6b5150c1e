// parseJson: the webhooks' (signup, Resend) way to read a body as JSON without a thrown SyntaxError reaching Hono.
import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/lib/json.ts";

describe("parseJson", () => {
  it("returns the value of valid JSON, whatever its type", () => {
    expect(parseJson('{"a":[1,"b"]}')).toEqual({ ok: true, value: { a: [1, "b"] } });
    expect(parseJson("null")).toEqual({ ok: true, value: null });
    expect(parseJson(" 42 ")).toEqual({ ok: true, value: 42 });
  });

  it("reports text that is not JSON instead of throwing", () => {
    for (const text of ["", "{", "{'a':1}", "undefined", '{"a":1} trailing']) {
      expect(parseJson(text)).toEqual({ ok: false });
    }
  });
});

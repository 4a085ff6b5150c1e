import { describe, expect, it } from "vitest";
import { CONFIRM_TOKEN_TTL_MS, signToken, verifyToken } from "../../src/lib/tokens.ts";

const secret = "k".repeat(40);

describe("signed tokens", () => {
  it("round-trips the subscriber id for the same purpose", async () => {
    const token = await signToken(secret, "unsubscribe", "sub_123");
    expect(await verifyToken(secret, "unsubscribe", token)).toEqual({ ok: true, subscriberId: "sub_123" });
  });

  it("is bound to its purpose and secret", async () => {
    const token = await signToken(secret, "confirm", "sub_123", { ttlMs: CONFIRM_TOKEN_TTL_MS });
    expect(await verifyToken(secret, "unsubscribe", token)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyToken("x".repeat(40), "confirm", token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects tampering with payload or signature", async () => {
    const token = await signToken(secret, "confirm", "sub_123", { ttlMs: CONFIRM_TOKEN_TTL_MS });
    const [body, sig] = token.split(".") as [string, string];
    const forgedBody = btoa(JSON.stringify({ p: "confirm", s: "sub_999" })).replace(/=+$/, "");
    expect((await verifyToken(secret, "confirm", `${forgedBody}.${sig}`)).ok).toBe(false);
    const flipped = sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    expect((await verifyToken(secret, "confirm", `${body}.${flipped}`)).ok).toBe(false);
    for (const junk of ["", "abc", "a.b.c", "%%%.%%%", `${body}.`]) {
      expect((await verifyToken(secret, "confirm", junk)).ok).toBe(false);
    }
  });

  it("expires confirm tokens after 7 days", async () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    const token = await signToken(secret, "confirm", "sub_1", { ttlMs: CONFIRM_TOKEN_TTL_MS, now: issued });
    const sixDays = new Date(issued.getTime() + 6 * 86_400_000);
    const eightDays = new Date(issued.getTime() + 8 * 86_400_000);
    expect((await verifyToken(secret, "confirm", token, sixDays)).ok).toBe(true);
    expect(await verifyToken(secret, "confirm", token, eightDays)).toEqual({ ok: false, reason: "expired" });
  });
});

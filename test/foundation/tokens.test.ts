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
    // Change a data bit in the first character of the signature.
    const firstFlipped = (sig.startsWith("A") ? "B" : "A") + sig.slice(1);
    expect((await verifyToken(secret, "confirm", `${body}.${firstFlipped}`)).ok).toBe(false);
    for (const junk of ["", "abc", "a.b.c", "%%%.%%%", `${body}.`]) {
      expect((await verifyToken(secret, "confirm", junk)).ok).toBe(false);
    }
  });

  it("accepts only the canonical spelling of a signature", async () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // Every subscriber id and every time gives a different signature; try enough of them that the last
    // character takes several values, so the spare-bit case is exercised every run, not one run in sixteen.
    for (let i = 0; i < 16; i++) {
      const token = await signToken(secret, "unsubscribe", `sub_${i}`);
      const [body, sig] = token.split(".") as [string, string];
      const last = alphabet.indexOf(sig.at(-1) ?? "");
      // A 32-byte HMAC is 43 characters; the last one holds 4 data bits and 2 spare bits. Any other value of
      // the spare bits decodes to the same bytes, and must still be refused.
      for (let spare = 0; spare < 4; spare++) {
        const variant = alphabet[(last & ~3) | spare];
        if (variant === sig.at(-1)) continue;
        const respelled = `${body}.${sig.slice(0, -1)}${variant}`;
        expect((await verifyToken(secret, "unsubscribe", respelled)).ok).toBe(false);
      }
      // The same applies to the body's spelling.
      expect((await verifyToken(secret, "unsubscribe", `${body}=.${sig}`)).ok).toBe(false);
      expect((await verifyToken(secret, "unsubscribe", token)).ok).toBe(true);
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

  it("carries the campaign of an unsubscribe link, which cannot be changed, and links without one stay valid", async () => {
    const token = await signToken(secret, "unsubscribe", "sub_1", { campaignId: "cmp_9" });
    expect(await verifyToken(secret, "unsubscribe", token)).toStrictEqual({
      ok: true,
      subscriberId: "sub_1",
      campaignId: "cmp_9",
    });
    const old = await signToken(secret, "unsubscribe", "sub_1");
    expect(await verifyToken(secret, "unsubscribe", old)).toStrictEqual({ ok: true, subscriberId: "sub_1" });
    // Moving the link to another campaign breaks the signature.
    const [, sig] = token.split(".");
    const other = Buffer.from(JSON.stringify({ p: "unsubscribe", s: "sub_1", c: "cmp_8" })).toString(
      "base64url",
    );
    expect(await verifyToken(secret, "unsubscribe", `${other}.${sig}`)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

// Signed, purpose-bound tokens for confirm and unsubscribe links: HMAC-SHA256 with TOKEN_SECRET over a small
// JSON payload. WebCrypto only, so the same code runs on Node and Workers. Tokens carry an id, never an address.
import { hmacKey } from "./hmac.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type TokenPurpose = "confirm" | "unsubscribe";

/** Confirm links expire after 7 days; unsubscribe links never do (CAN-SPAM asks for at least 30 days). */
export const CONFIRM_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `c` names the campaign whose email carried an unsubscribe link, so the campaign's report can count who left
 * because of it. Optional: links signed before it existed (and lesson links) have none and stay valid.
 */
type Payload = { p: TokenPurpose; s: string; e?: number; c?: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Only the canonical encoding is accepted. The last character of unpadded base64 carries spare bits that
// atob ignores, so without the round-trip check one signature would have several spellings and a link could
// be altered and still verify.
function fromBase64Url(value: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
  return toBase64Url(bytes) === value ? bytes : null;
}

export async function signToken(
  secret: string,
  purpose: TokenPurpose,
  subscriberId: string,
  options: { now?: Date; ttlMs?: number; campaignId?: string } = {},
): Promise<string> {
  const payload: Payload = { p: purpose, s: subscriberId };
  if (options.campaignId !== undefined) payload.c = options.campaignId;
  if (options.ttlMs !== undefined)
    payload.e = Math.floor(((options.now?.getTime() ?? Date.now()) + options.ttlMs) / 1000);
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  const signature = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body)),
  );
  return `${body}.${toBase64Url(signature)}`;
}

export type TokenCheck =
  | { ok: true; subscriberId: string; campaignId?: string }
  | { ok: false; reason: "invalid" | "expired" };

export async function verifyToken(
  secret: string,
  purpose: TokenPurpose,
  token: string | undefined | null,
  now: Date = new Date(),
): Promise<TokenCheck> {
  if (!token || token.length > 512) return { ok: false, reason: "invalid" };
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return { ok: false, reason: "invalid" };
  const signature = fromBase64Url(sig);
  const raw = fromBase64Url(body);
  if (!signature || !raw) return { ok: false, reason: "invalid" };
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(body));
  if (!valid) return { ok: false, reason: "invalid" };
  let payload: Payload;
  try {
    payload = JSON.parse(decoder.decode(raw)) as Payload;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (payload.p !== purpose || typeof payload.s !== "string") return { ok: false, reason: "invalid" };
  if (payload.c !== undefined && typeof payload.c !== "string") return { ok: false, reason: "invalid" };
  if (payload.e !== undefined && payload.e * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, subscriberId: payload.s, ...(payload.c !== undefined ? { campaignId: payload.c } : {}) };
}

/** Public links built from config.appUrl. */
export async function confirmUrl(appUrl: string, secret: string, subscriberId: string, now?: Date) {
  const token = await signToken(secret, "confirm", subscriberId, {
    ttlMs: CONFIRM_TOKEN_TTL_MS,
    ...(now ? { now } : {}),
  });
  return `${appUrl}/confirm?token=${token}`;
}

/**
 * Every link a marketing email carries for its reader, from one signature (they carry the same token): `pageUrl`
 * is the visible unsubscribe link, a page with one button; `oneClickUrl` is the List-Unsubscribe target, where a
 * POST unsubscribes at once (RFC 8058); `preferencesUrl` is "Manage preferences". The preferences page does no
 * more than a reader could do with the unsubscribe link (leave, or less), and the links always travel together
 * in one email, so a token of its own would protect nothing while a broadcast signed twice per recipient
 * (WebCrypto HMAC costs about 15-20 µs a call on Node). A campaign's links carry its id (see Payload), so an
 * unsubscribe is attributed to the email it came from.
 */
export async function unsubscribeUrls(
  appUrl: string,
  secret: string,
  subscriberId: string,
  options: { campaignId?: string } = {},
) {
  const token = await signToken(secret, "unsubscribe", subscriberId, options);
  return {
    pageUrl: `${appUrl}/unsubscribe?token=${token}`,
    oneClickUrl: `${appUrl}/api/unsubscribe?token=${token}`,
    preferencesUrl: `${appUrl}/preferences?token=${token}`,
  };
}

// Random bearer secrets for sign-in links and session cookies. Only their SHA-256 is stored, so reading the
// database (a backup, a leaked copy) signs nobody in. 32 random bytes: unguessable, so a plain hash suffices.
import { createHash } from "node:crypto";

export function newSecretToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Hex SHA-256 of a token as received; anything that is not one of ours hashes to a row that does not exist. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Our tokens are 43 base64url characters; anything else is refused before touching the database. */
export function looksLikeSecretToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

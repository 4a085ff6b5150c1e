// HMAC-SHA256 keys for WebCrypto, so the same code signs on Node and Workers. Importing a key costs more than
// the HMAC itself, and the secrets (TOKEN_SECRET, SIGNUP_WEBHOOK_SECRET) never change while the process runs, so
// each is imported once.
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, key);
  }
  return key;
}

// Standard Webhooks (standardwebhooks.com) verification for the signup webhook, the scheme Svix, Resend and most
// form services' automation tools sign with:
//   webhook-id: <message id>   webhook-timestamp: <unix seconds>
//   webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")> (several, space-separated)
// The key is the base64 after "whsec_" when the secret has that form, else the secret's own bytes (what the
// standardwebhooks library calls the raw format). Checked against the injected clock; WebCrypto, so it runs on
// Node and Workers alike.
const encoder = new TextEncoder();

export const STANDARD_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
};

function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  if (secret.startsWith("whsec_")) {
    try {
      const binary = atob(secret.slice("whsec_".length));
      return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    } catch {
      // not base64 after all: fall through to the raw bytes
    }
  }
  return encoder.encode(secret);
}

const keys = new Map<string, Promise<CryptoKey>>();
function standardKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", keyBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "verify",
    ]);
    keys.set(secret, key);
  }
  return key;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return null;
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

export async function verifyStandardWebhook(
  secret: string,
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  now: Date,
  toleranceSeconds: number,
): Promise<boolean> {
  const { id, timestamp, signature } = headers;
  if (!id || id.length > 200 || !timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const key = await standardKey(secret);
  const signed = encoder.encode(`${id}.${timestamp}.${rawBody}`);
  for (const candidate of signature.split(" ").slice(0, 10)) {
    const [version, value] = candidate.split(",");
    const mac = version === "v1" && value ? base64Bytes(value) : null;
    // crypto.subtle.verify compares in constant time.
    if (mac && (await crypto.subtle.verify("HMAC", key, mac, signed))) return true;
  }
  return false;
}

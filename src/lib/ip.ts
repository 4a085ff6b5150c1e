// What the app accepts as a client address, and which forwarding header (if any) names it.
//
// IP_ADDRESS: IPv4/IPv6 characters only. Rate-limit keys are built from addresses that pass, and the privacy
// export and erasure find those keys again with the same rule, so it lives here once. Anything else (a forged
// header, "unknown") never becomes part of a key or a LIKE pattern.
export const IP_ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * Which proxy sits in front of the app (TRUST_PROXY). Only the header that proxy sets is believed, and only as
 * far as that proxy vouches for it; otherwise a client could pick its own rate-limit bucket, lock other people
 * out and write any address it likes into consent records.
 * - none: the socket address (direct exposure, or a proxy we know nothing about).
 * - cloudflare: `cf-connecting-ip`, which Cloudflare overwrites on every request (Workers, or an origin that only
 *   Cloudflare can reach).
 * - hops: `X-Forwarded-For` with N proxies in front: the N-th entry from the right is the address the outermost
 *   proxy saw; everything to its left was written by the client.
 * - addresses: `X-Forwarded-For`, believed only when the socket peer is one of these proxies, read from the
 *   right skipping the listed proxies.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "cloudflare" }
  | { kind: "hops"; hops: number }
  | { kind: "addresses"; addresses: string[] };

export const MAX_PROXY_HOPS = 10;

/** Parses TRUST_PROXY; returns an error message (never the value) when it does not name a proxy. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { error: string } {
  const value = (raw ?? "").trim().toLowerCase();
  if (["", "false", "0", "no", "off", "none"].includes(value)) return { kind: "none" };
  if (value === "cloudflare") return { kind: "cloudflare" };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= MAX_PROXY_HOPS) return { kind: "hops", hops };
    return { error: `a number of proxy hops must be between 1 and ${MAX_PROXY_HOPS}` };
  }
  const addresses = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (addresses.length > 0 && addresses.every((a) => IP_ADDRESS.test(a) && /[.:]/.test(a))) {
    return { kind: "addresses", addresses: addresses.map(canonicalIp) };
  }
  return {
    error:
      'name the proxy: "cloudflare", a number of proxy hops (e.g. 1), or a comma-separated list of proxy addresses ("true" is no longer accepted)',
  };
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) and "10.0.0.1" are the same proxy. */
function canonicalIp(ip: string): string {
  const lower = ip.toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice("::ffff:".length) : lower;
}

/**
 * The client's address under the given trust, or undefined when it is not known. `header` reads a request
 * header; `socket` is the TCP peer (undefined on Workers and in app.request()).
 */
export function resolveClientIp(
  trust: TrustProxy,
  header: (name: string) => string | undefined,
  socket: string | undefined,
): string | undefined {
  const valid = (ip: string | undefined) => (ip && IP_ADDRESS.test(ip) ? ip : undefined);
  const peer = valid(socket);
  const forwarded = () =>
    (header("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  switch (trust.kind) {
    case "none":
      return peer;
    case "cloudflare":
      return valid(header("cf-connecting-ip")?.trim()) ?? peer;
    case "hops": {
      const chain = forwarded();
      // Fewer entries than proxies: the request did not come through all of them, so nothing is vouched for.
      if (chain.length < trust.hops) return peer;
      return valid(chain[chain.length - trust.hops]) ?? peer;
    }
    case "addresses": {
      if (!peer || !trust.addresses.includes(canonicalIp(peer))) return peer;
      const chain = forwarded();
      for (let i = chain.length - 1; i >= 0; i--) {
        const hop = valid(chain[i]);
        if (!hop) return undefined;
        if (!trust.addresses.includes(canonicalIp(hop))) return hop;
      }
      return peer;
    }
  }
}

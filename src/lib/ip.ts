// What the app accepts as a client address, and which forwarding header (if any) names it (TRUST_PROXY, parsed
// in src/config.ts).
//
// IP_ADDRESS: IPv4/IPv6 characters only. Rate-limit keys are built from addresses that pass, and the privacy
// export and erasure find those keys again with the same rule, so it lives here once. Anything else (a forged
// header, "unknown") never becomes part of a key or a LIKE pattern.
import type { TrustProxy } from "../config.ts";

export const IP_ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) and "10.0.0.1" are the same proxy. */
export function canonicalIp(ip: string): string {
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

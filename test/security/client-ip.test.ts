// TRUST_PROXY names the proxy, and only the header that proxy sets is believed: a client cannot choose its
// rate-limit bucket, lock others out or write a fake address into a consent record.
import { afterEach, describe, expect, it } from "vitest";
import { consents } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const signup = { email: "reader@example.com", consent: true };

/** app.request with a TCP peer, the way @hono/node-server passes the socket to getConnInfo. */
async function subscribeFrom(app: TestApp, headers: Record<string, string>, socket?: string) {
  const res = await app.app.request(
    "/api/subscribe",
    {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(signup),
    },
    socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined,
  );
  expect(res.status).toBe(202);
  const [consent] = await app.db.select().from(consents);
  return consent?.ip;
}

describe("client address behind a named proxy", () => {
  it("cloudflare: cf-connecting-ip only; X-Forwarded-For is ignored", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "cloudflare" } });
    expect(
      await subscribeFrom(t, { "cf-connecting-ip": "203.0.113.7", "x-forwarded-for": "198.51.100.9" }),
    ).toBe("203.0.113.7");
    t.close();
    t = createTestApp({ env: { TRUST_PROXY: "cloudflare" } });
    expect(await subscribeFrom(t, { "x-forwarded-for": "198.51.100.9" })).toBeNull();
  });

  it("a hop count: X-Forwarded-For only, counted from the right; cf-connecting-ip is ignored", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    expect(
      await subscribeFrom(t, { "cf-connecting-ip": "203.0.113.7", "x-forwarded-for": "198.51.100.9" }),
    ).toBe("198.51.100.9");
    t.close();
    t = createTestApp({ env: { TRUST_PROXY: "2" } });
    // The client wrote 192.0.2.66; the outer proxy appended what it saw, the inner one the outer's address.
    expect(await subscribeFrom(t, { "x-forwarded-for": "192.0.2.66, 203.0.113.50, 10.0.0.2" })).toBe(
      "203.0.113.50",
    );
    t.close();
    t = createTestApp({ env: { TRUST_PROXY: "2" } });
    // One entry for two proxies: it did not come through both, so nothing in it is vouched for.
    expect(await subscribeFrom(t, { "x-forwarded-for": "192.0.2.66" }, "10.0.0.9")).toBe("10.0.0.9");
  });

  it("proxy addresses: the header counts only when the socket peer is a listed proxy", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "10.0.0.1,10.0.0.2" } });
    expect(
      await subscribeFrom(t, { "x-forwarded-for": "192.0.2.66, 203.0.113.5, 10.0.0.2" }, "10.0.0.1"),
    ).toBe("203.0.113.5");
    t.close();
    t = createTestApp({ env: { TRUST_PROXY: "10.0.0.1" } });
    // Straight from the internet, not through the proxy: the forged header is ignored.
    expect(await subscribeFrom(t, { "x-forwarded-for": "192.0.2.66" }, "198.51.100.77")).toBe(
      "198.51.100.77",
    );
    t.close();
    t = createTestApp({ env: { TRUST_PROXY: "10.0.0.1" } });
    // A dual-stack socket reports the IPv4 proxy as ::ffff:10.0.0.1.
    expect(await subscribeFrom(t, { "x-forwarded-for": "203.0.113.5" }, "::ffff:10.0.0.1")).toBe(
      "203.0.113.5",
    );
  });

  it("a client that rotates cf-connecting-ip behind a hop-count proxy stays in one rate-limit bucket", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.request("/api/subscribe", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "cf-connecting-ip": `203.0.113.${i}`,
          "x-forwarded-for": "198.51.100.1",
        },
        body: JSON.stringify({ email: `r${i}@example.com`, consent: true }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

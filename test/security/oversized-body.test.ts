// A 413 answered before the body is read leaves the unread bytes on the connection. Over a real socket on
// @hono/node-server, the client's next request on the same keep-alive connection must still work.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
let server: ReturnType<typeof serve> | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  t?.close();
});

async function listen(app: TestApp): Promise<string> {
  return new Promise((resolve) => {
    server = serve({ fetch: app.app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
}

describe("oversized bodies over a real connection", () => {
  for (const [path, size] of [
    ["/api/subscribe", 64 * 1024],
    ["/api/webhooks/signup", 64 * 1024],
    ["/api/admin/campaigns", 256 * 1024],
  ] as const) {
    it(`${path}: 413 with Connection: close, and the next request still gets through`, async () => {
      t = createTestApp();
      const base = await listen(t);
      const big = await fetch(`${base}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: "Bearer test-admin-token-0123456789abcdef",
        },
        body: JSON.stringify({ email: "a@example.com", consent: true, padding: "x".repeat(size) }),
      });
      expect(big.status).toBe(413);
      expect(big.headers.get("connection")).toBe("close");
      await big.text();
      // Node's fetch keeps connections alive and reuses them: this is the request that used to fail.
      for (let i = 0; i < 3; i++) {
        const next = await fetch(`${base}/healthz`);
        expect(next.status).toBe(200);
        await next.text();
      }
    });
  }

  // Without a Content-Length the limit cannot be read from the headers: the body is counted as it arrives.
  const chunked = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 4096)
          controller.enqueue(new TextEncoder().encode(text.slice(i, i + 4096)));
        controller.close();
      },
    });

  it("a chunked body over the limit gets 413, one under it is read as usual", async () => {
    t = createTestApp();
    const base = await listen(t);
    const send = (body: string) =>
      fetch(`${base}/api/subscribe`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: chunked(body),
        duplex: "half",
      } as RequestInit);
    const big = await send(
      JSON.stringify({ email: "a@example.com", consent: true, padding: "x".repeat(64 * 1024) }),
    );
    expect(big.status).toBe(413);
    await big.text();
    const small = await send(JSON.stringify({ email: "chunked@example.com", consent: true }));
    expect(small.status).toBe(202);
    expect(await small.json()).toMatchObject({ status: "accepted" });
  });
});

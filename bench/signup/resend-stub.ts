// A local stand-in for Resend's single-email endpoint (POST /emails), for bench:signup. Like Resend it answers
// a repeated Idempotency-Key with the first call's id and does not deliver again, so `delivered` counts what a
// recipient would actually receive: more than one per address means a confirmation went out twice.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function startResendStub() {
  /** Recipient address -> idempotency keys of the emails delivered to it. */
  const delivered = new Map<string, Set<string>>();
  const idByKey = new Map<string, string>();
  const stats = { calls: 0, replays: 0 };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      stats.calls++;
      if (req.method !== "POST" || req.url !== "/emails") {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end('{"name":"not_found","statusCode":404}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to?: string | string[] };
      const key = String(req.headers["idempotency-key"] ?? `none-${stats.calls}`);
      let id = idByKey.get(key);
      if (id) {
        stats.replays++;
      } else {
        id = `stub-${idByKey.size + 1}`;
        idByKey.set(key, id);
        for (const to of [body.to ?? []].flat()) {
          const keys = delivered.get(to) ?? new Set<string>();
          keys.add(key);
          delivered.set(to, keys);
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

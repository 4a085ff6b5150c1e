// A local stand-in for the Resend API that behaves like it where retries matter: one delivery per
// Idempotency-Key, the same id back for a repeated key, and (on request) a dropped connection after accepting,
// the case where a provider sent the email but the step never heard back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StubRequest = {
  idempotencyKey: string | undefined;
  body: { to: string | string[]; subject: string };
};

export async function startResendStub() {
  const requests: StubRequest[] = [];
  const delivered = new Map<string, { id: string; body: StubRequest["body"] }>();
  const dropFirstResponse = new Set<string>();
  let counter = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as StubRequest["body"];
      const key = req.headers["idempotency-key"] as string | undefined;
      requests.push({ idempotencyKey: key, body });
      const known = key ? delivered.get(key) : undefined;
      const id = known?.id ?? `re_${++counter}`;
      if (!known && key) delivered.set(key, { id, body });
      if (key && dropFirstResponse.delete(key)) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    delivered,
    dropFirstResponse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type ResendStub = Awaited<ReturnType<typeof startResendStub>>;

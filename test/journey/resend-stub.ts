// A local stand-in for the Resend API that behaves like it where retries matter: one delivery per
// Idempotency-Key, the same id back for a repeated key, and (on request) a dropped connection after accepting,
// the case where a provider sent the email but the step never heard back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StubRequest = {
  idempotencyKey: string | undefined;
  body: {
    to: string | string[];
    subject: string;
    text?: string;
    html?: string;
    reply_to?: string | string[];
    headers?: Record<string, string>;
  };
};

/** What GET /emails/receiving/{id} answers (Resend's receiving API, SDK 6.38 GetReceivingEmailResponseSuccess). */
export type StubReceivedEmail = {
  from: string;
  to?: string[];
  subject: string;
  text?: string | null;
  html?: string | null;
  headers?: Record<string, string> | null;
  message_id?: string;
  created_at?: string;
};

export async function startResendStub() {
  const requests: StubRequest[] = [];
  // Inbound (receiving) messages by email id; GETs are counted so tests can see triage read the body.
  const receiving = new Map<string, StubReceivedEmail>();
  const receivingGets: string[] = [];
  const delivered = new Map<string, { id: string; body: StubRequest["body"] }>();
  const dropFirstResponse = new Set<string>();
  let counter = 0;

  const server: Server = createServer((req, res) => {
    const inbound = /^\/emails\/receiving\/([^/?]+)/.exec(req.url ?? "");
    if (req.method === "GET" && inbound?.[1]) {
      const id = decodeURIComponent(inbound[1]);
      receivingGets.push(id);
      const email = receiving.get(id);
      res.writeHead(email ? 200 : 404, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          email
            ? {
                object: "email",
                id,
                to: ["replies@hopemark.test"],
                cc: null,
                bcc: null,
                reply_to: null,
                received_for: [],
                html: null,
                text: null,
                headers: {},
                message_id: `<${id}@mail.example.com>`,
                created_at: new Date().toISOString(),
                attachments: [],
                ...email,
              }
            : { statusCode: 404, name: "not_found", message: "Email not found" },
        ),
      );
      return;
    }
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
    receiving,
    receivingGets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type ResendStub = Awaited<ReturnType<typeof startResendStub>>;

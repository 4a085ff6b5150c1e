// Development and test transport: writes messages to the `outbox` table instead of sending them. Idempotent
// by idempotencyKey like the provider, so a retried Inngest step never produces a second row.
import { eq, inArray } from "drizzle-orm";
import { atomic, type Db } from "../db/client.ts";
import { outbox } from "../db/schema.ts";
import type { OutgoingEmail, SendResult, Transport } from "./types.ts";

const DEFAULT_FROM = "Hopemark Health <newsletter@hopemark.localhost>";

function row(message: OutgoingEmail, from: string) {
  return {
    id: crypto.randomUUID(),
    idempotencyKey: message.idempotencyKey,
    to: message.to,
    from: message.from ?? from,
    subject: message.subject,
    html: message.html,
    text: message.text,
    // Kept with the headers so /dev/outbox shows where a reply would go (Resend takes it as its own field).
    headers: message.replyTo ? { ...message.headers, "Reply-To": message.replyTo } : message.headers,
    tags: message.tags,
  };
}

export function createOutboxTransport(db: Db, options: { from?: string } = {}): Transport {
  const from = options.from ?? DEFAULT_FROM;
  return {
    name: "outbox",
    async send(message) {
      const inserted = await db
        .insert(outbox)
        .values(row(message, from))
        .onConflictDoNothing({ target: outbox.idempotencyKey })
        .returning({ id: outbox.id });
      const id =
        inserted[0]?.id ??
        (
          await db
            .select({ id: outbox.id })
            .from(outbox)
            .where(eq(outbox.idempotencyKey, message.idempotencyKey))
        )[0]?.id;
      if (!id) throw new Error("outbox: row missing after insert");
      return { providerMessageId: id };
    },
    async sendBatch(messages): Promise<SendResult[]> {
      if (messages.length === 0) return [];
      await atomic(
        db,
        messages.map((m) =>
          db.insert(outbox).values(row(m, from)).onConflictDoNothing({ target: outbox.idempotencyKey }),
        ),
      );
      const keys = [...new Set(messages.map((m) => m.idempotencyKey))];
      const rows = await db
        .select({ id: outbox.id, key: outbox.idempotencyKey })
        .from(outbox)
        .where(inArray(outbox.idempotencyKey, keys));
      const idByKey = new Map(rows.map((r) => [r.key, r.id]));
      return messages.map((m) => {
        const id = idByKey.get(m.idempotencyKey);
        if (!id) throw new Error("outbox: row missing after batch insert");
        return { providerMessageId: id };
      });
    },
  };
}

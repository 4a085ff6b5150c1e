import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type NodeDb, openNodeDb } from "../../src/db/node.ts";
import { outbox } from "../../src/db/schema.ts";
import { createOutboxTransport } from "../../src/mail/outbox-transport.ts";
import type { OutgoingEmail } from "../../src/mail/types.ts";

function message(key: string, overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to: `${key}@example.com`,
    from: "Hopemark Health <newsletter@hopemark.test>",
    subject: `Subject ${key}`,
    html: "<p>html</p>",
    text: "text",
    headers: { "List-Unsubscribe": "<https://newsletter.test/u/x>" },
    tags: [{ name: "template", value: "lesson" }],
    idempotencyKey: key,
    templateId: "lesson",
    kind: "marketing",
    ...overrides,
  };
}

let handle: NodeDb;
beforeEach(() => {
  handle = openNodeDb();
});
afterEach(() => handle.close());

describe("outbox transport", () => {
  it("stores a message with its headers and tags", async () => {
    const transport = createOutboxTransport(handle.db);
    const { providerMessageId } = await transport.send(message("k1"));
    const rows = await handle.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: providerMessageId,
      idempotencyKey: "k1",
      subject: "Subject k1",
      headers: { "List-Unsubscribe": "<https://newsletter.test/u/x>" },
      tags: [{ name: "template", value: "lesson" }],
    });
  });

  it("is idempotent: a retried send returns the first row's id and writes nothing", async () => {
    const transport = createOutboxTransport(handle.db);
    const first = await transport.send(message("k1"));
    const retry = await transport.send(message("k1", { subject: "changed on retry" }));
    expect(retry).toEqual(first);
    const rows = await handle.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.subject).toBe("Subject k1");
  });

  it("writes a batch, maps ids in order and is idempotent on retry", async () => {
    const transport = createOutboxTransport(handle.db);
    const already = await transport.send(message("b2"));
    const batch = [message("b1"), message("b2"), message("b3")];
    const results = await transport.sendBatch(batch, { idempotencyKey: "batch-1" });
    expect(results).toHaveLength(3);
    expect(results[1]).toEqual(already);
    expect(new Set(results.map((r) => r.providerMessageId)).size).toBe(3);
    const retry = await transport.sendBatch(batch, { idempotencyKey: "batch-1" });
    expect(retry).toEqual(results);
    const rows = await handle.db.select().from(outbox);
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(["b1", "b2", "b3"]);
  });

  it("writes a batch all or nothing", async () => {
    const transport = createOutboxTransport(handle.db);
    // A NOT NULL violation on the last row must roll back the first two.
    const broken = { ...message("x3"), subject: null as unknown as string };
    await expect(
      transport.sendBatch([message("x1"), message("x2"), broken], { idempotencyKey: "b" }),
    ).rejects.toThrow();
    expect(await handle.db.select().from(outbox)).toHaveLength(0);
  });
});

// Webhook deliveries we have processed, by the sender's delivery id (svix-id): what makes a redelivery a no-op.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { webhookEvents } from "../db/schema.ts";

export async function webhookProcessed(db: Db, webhookId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, webhookId))
    .limit(1);
  return row !== undefined;
}

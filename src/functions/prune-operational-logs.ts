// Housekeeping: the operational tables that only exist to make things idempotent or resumable grow forever
// otherwise. Svix redelivers a webhook for about three days and the reconciler only needs unsent events, so
// 30 days of webhook ids and sent events is ample; rate-limit windows are minutes long.
import { and, isNotNull, lt } from "drizzle-orm";
import { pendingEvents, rateLimits, webhookEvents } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { dailyJob } from "./daily-job.ts";

export const OPERATIONAL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const RATE_LIMIT_RETENTION_MS = 24 * 60 * 60 * 1000;

export function createPruneOperationalLogs(deps: AppDeps) {
  return deps.inngest.createFunction(
    dailyJob("prune-operational-logs", "TZ=UTC 45 3 * * *"),
    async ({ step }) => {
      const now = await step.run("read-clock", () => deps.now().getTime());
      const before = new Date(now - OPERATIONAL_RETENTION_MS);
      const webhookIds = await step.run("prune-webhook-events", async () => {
        const gone = await deps.db
          .delete(webhookEvents)
          .where(lt(webhookEvents.receivedAt, before))
          .returning({ id: webhookEvents.id });
        return gone.length;
      });
      const sentEvents = await step.run("prune-sent-events", async () => {
        const gone = await deps.db
          .delete(pendingEvents)
          .where(and(isNotNull(pendingEvents.sentAt), lt(pendingEvents.sentAt, before)))
          .returning({ id: pendingEvents.id });
        return gone.length;
      });
      const windows = await step.run("prune-rate-limit-windows", async () => {
        const gone = await deps.db
          .delete(rateLimits)
          .where(lt(rateLimits.windowStart, now - RATE_LIMIT_RETENTION_MS))
          .returning({ key: rateLimits.key });
        return gone.length;
      });
      return { webhookIds, sentEvents, windows };
    },
  );
}

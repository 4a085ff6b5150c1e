// GET /dev/outbox (HTML) and GET /dev/outbox.json: only mounted when the outbox transport is active and never in
// production (see src/app.ts), because they show every captured message, addresses included.
import { desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { outbox } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { unsentEventCount } from "../lib/pending-events.ts";
import { apiError } from "./errors.ts";
import { outboxListPage, outboxMessagePage } from "./pages/outbox.ts";

const LIMIT = 200;

export function devOutboxEnabled(config: AppDeps["config"]): boolean {
  return config.mail.transport === "outbox" && !config.isProduction;
}

export function devOutboxRoutes({ db, config }: Pick<AppDeps, "db" | "config">) {
  const latest = () => db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(LIMIT);
  return new Hono()
    .get("/dev/outbox.json", async (c) => {
      const rows = await latest();
      return c.json(
        rows.map((r) => ({
          id: r.id,
          to: r.to,
          from: r.from,
          subject: r.subject,
          html: r.html,
          text: r.text,
          headers: r.headers,
          tags: r.tags,
          idempotencyKey: r.idempotencyKey,
          time: r.createdAt.toISOString(),
        })),
      );
    })
    .get("/dev/outbox", async (c) =>
      c.html(outboxListPage(await latest(), { count: await unsentEventCount(db), appUrl: config.appUrl })),
    )
    .get("/dev/outbox/:id", async (c) => {
      const [row] = await db
        .select()
        .from(outbox)
        .where(eq(outbox.id, c.req.param("id")))
        .limit(1);
      if (!row) return apiError(c, 404, "not_found", "No such message in the outbox.");
      return c.html(outboxMessagePage(row));
    });
}

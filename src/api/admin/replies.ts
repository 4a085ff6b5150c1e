// The reply queue for people (and, later, the web console of issue 12), behind the admin bearer token:
//   GET  /api/admin/replies            open replies, crisis first, then newest first, each with its age
//        ?status=open|handled|all&limit=1..200
//   GET  /api/admin/replies/:id        one reply with its text (until the retention deletes it)
//   POST /api/admin/replies/:id/handled  mark it handled (idempotent)
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { findReplyById, markReply, type Reply, replyQueue } from "../../replies/store.ts";
import { apiError } from "../errors.ts";
import { onInvalid } from "../validation.ts";

const listQuery = z.object({
  status: z.enum(["open", "handled", "all"], { error: "must be open, handled or all" }).default("open"),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(50),
});
const params = z.object({
  id: z
    .string()
    .min(1, "is required")
    .max(128, "is too long")
    .regex(/^rpl_[A-Za-z0-9]+$/, "must be a reply id"),
});

function view(reply: Reply, now: Date, withBody: boolean) {
  return {
    id: reply.id,
    class: reply.class,
    rule: reply.rule,
    automatic: reply.automatic,
    subscriberId: reply.subscriberId,
    receivedAt: reply.receivedAt.toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - reply.receivedAt.getTime()) / 1000)),
    subject: reply.subject,
    ...(withBody ? { body: reply.body } : {}),
    autoReply: reply.autoReply,
    alertedAt: reply.alertedAt?.toISOString() ?? null,
    forwardedAt: reply.forwardedAt?.toISOString() ?? null,
    unsubscribedAt: reply.unsubscribedAt?.toISOString() ?? null,
    handledAt: reply.handledAt?.toISOString() ?? null,
    bodyDeleted: reply.bodyDeletedAt !== null,
  };
}

export function replyAdminRoutes(deps: AppDeps) {
  return new Hono()
    .get("/", zValidator("query", listQuery, onInvalid), async (c) => {
      const query = c.req.valid("query");
      const rows = await replyQueue(deps.db, query);
      const now = deps.now();
      c.header("Cache-Control", "no-store");
      return c.json({ replies: rows.map((r) => view(r, now, false)) });
    })
    .get("/:id", zValidator("param", params, onInvalid), async (c) => {
      const reply = await findReplyById(deps.db, c.req.valid("param").id);
      if (!reply) return apiError(c, 404, "not_found", "No reply with this id.");
      c.header("Cache-Control", "no-store");
      return c.json(view(reply, deps.now(), true));
    })
    .post("/:id/handled", zValidator("param", params, onInvalid), async (c) => {
      const { id } = c.req.valid("param");
      if (!(await findReplyById(deps.db, id))) return apiError(c, 404, "not_found", "No reply with this id.");
      await markReply(deps.db, id, "handledAt", deps.now());
      const reply = await findReplyById(deps.db, id);
      return c.json(reply ? view(reply, deps.now(), false) : {});
    });
}

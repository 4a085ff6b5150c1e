// Subscriber admin API, mounted at /api/admin/subscribers next to the privacy routes (export of one person's
// data, erasure), which live in ./privacy.ts. Bearer auth is applied to /api/admin/* in app.ts.
//   GET    /                 list with filters (?status=&tag=&locale=&country=&email=) and keyset paging (?after=)
//   GET    /export           the same filters as CSV (id, email, first_name, status, locale, country, tags,
//                            topics, paused_until, ...)
//   POST   /import           CSV body (text/csv); ?source=...&priorConsent=true|false[&consentedAt&page&wordingVersion]
//   POST   /:id/tags         { "tags": [...] } adds tags
//   DELETE /:id/tags/:tag    removes one tag
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { exportSubscribersCsv } from "../../subscribers/export-csv.ts";
import { importOptionsSchema, importSubscribers } from "../../subscribers/import.ts";
import { listQuerySchema, listSubscribers } from "../../subscribers/list.ts";
import { addTags, removeTag, tagSchema } from "../../subscribers/tags.ts";
import { apiError, failureResponse } from "../errors.ts";
import { adminId, onInvalid } from "../validation.ts";

const id = adminId("subscriber");

const tagsBody = z
  .object({ tags: z.array(tagSchema).min(1, "Give at least one tag.").max(20, "At most 20 tags.") })
  .strict();

export function subscriberAdminRoutes(deps: AppDeps) {
  return new Hono()
    .get("/", zValidator("query", listQuerySchema, onInvalid), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await listSubscribers(deps, c.req.valid("query")));
    })
    .get(
      "/export",
      zValidator("query", listQuerySchema.omit({ after: true, limit: true }), onInvalid),
      (c) => {
        const stamp = deps.now().toISOString().slice(0, 10);
        return new Response(exportSubscribersCsv(deps, c.req.valid("query")), {
          headers: {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": `attachment; filename="subscribers-${stamp}.csv"`,
            "Cache-Control": "no-store",
          },
        });
      },
    )
    .post("/import", zValidator("query", importOptionsSchema, onInvalid), async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "text/csv") {
        return apiError(
          c,
          415,
          "unsupported_media_type",
          "Send the file as the request body with Content-Type: text/csv.",
        );
      }
      const result = await importSubscribers(deps, await c.req.text(), c.req.valid("query"));
      if (!result.ok) return failureResponse(c, result);
      const { ok: _ok, ...summary } = result;
      return c.json({ imported: summary }, 201);
    })
    .post(
      "/:id/tags",
      zValidator("param", z.object({ id }), onInvalid),
      zValidator("json", tagsBody, onInvalid),
      async (c) => {
        const subscriberId = c.req.valid("param").id;
        const result = await addTags(deps, subscriberId, c.req.valid("json").tags);
        if (!result.ok) return failureResponse(c, result);
        return c.json({ subscriber: { id: subscriberId, tags: result.tags } });
      },
    )
    .delete("/:id/tags/:tag", zValidator("param", z.object({ id, tag: tagSchema }), onInvalid), async (c) => {
      const { id: subscriberId, tag } = c.req.valid("param");
      const result = await removeTag(deps, subscriberId, tag);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ subscriber: { id: subscriberId, tags: result.tags } });
    });
}

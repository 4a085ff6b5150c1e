// Privacy controls for the admin API (bearer auth is applied to /api/admin/* in app.ts). Mounted at
// /api/admin/subscribers next to the other subscriber admin routes; Hono merges the two sub-apps.
//   GET    /:id/export  everything held about the person, as a JSON download
//   DELETE /:id         erasure; repeating it answers 200 with status "already_erased"
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { eraseSubscriber } from "../../privacy/erasure.ts";
import { exportSubscriberData } from "../../privacy/export.ts";
import { nothingChanged } from "../audit-trail.ts";
import { failureResponse } from "../errors.ts";
import { adminId, onInvalid } from "../validation.ts";

const params = z.object({ id: adminId("subscriber") });

export function privacyRoutes(deps: AppDeps) {
  return new Hono()
    .get("/:id/export", zValidator("param", params, onInvalid), async (c) => {
      const { id } = c.req.valid("param");
      const result = await exportSubscriberData(deps.db, id, deps.now());
      if (!result.ok) return failureResponse(c, result);
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", `attachment; filename="subscriber-${id}.json"`);
      return c.json(result.data);
    })
    .delete("/:id", zValidator("param", params, onInvalid), async (c) => {
      const { id } = c.req.valid("param");
      const result = await eraseSubscriber(deps, id);
      if (!result.ok) return failureResponse(c, result);
      if (result.status === "already_erased") nothingChanged(c);
      return c.json({ subscriberId: id, status: result.status });
    });
}

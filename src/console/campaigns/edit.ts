// GET /admin/campaigns/:id (the campaign page, every role) and the writers' saves: POST /:id (the content, through
// updateCampaign, which voids a review when what it says changes) and POST /:id/audience.
import { Hono } from "hono";
import { fieldErrors, STATUS_FOR } from "../../api/errors.ts";
import { updateCampaignSchema } from "../../campaigns/schemas.ts";
import { updateCampaign } from "../../campaigns/update.ts";
import type { AppDeps } from "../../deps.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { renderCampaignPage } from "./campaign-page.tsx";
import {
  actorOf,
  audienceFromForm,
  contentFromForm,
  editorValuesFromForm,
  formOf,
  topFields,
  WRITERS,
} from "./shared.ts";

export function campaignEditRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .get("/:id", (c) => renderCampaignPage(c, deps, c.req.param("id")))
    .post("/:id", requireRole(...WRITERS), async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const values = editorValuesFromForm(form);
      const parsed = updateCampaignSchema.safeParse(contentFromForm(form));
      if (!parsed.success) {
        return renderCampaignPage(c, deps, id, {
          status: 422,
          values,
          errors: topFields(fieldErrors(parsed.error)),
        });
      }
      const result = await updateCampaign(deps, id, parsed.data, await actorOf(c, deps));
      if (!result.ok) {
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 422,
          values,
          errors: result.fields ? topFields(result.fields) : undefined,
          message: result.fields ? undefined : result.message,
          findings: result.findings,
        });
      }
      return c.redirect(`/admin/campaigns/${id}?done=${result.voided ? "voided" : "saved"}`, 303);
    })
    .post("/:id/audience", requireRole(...WRITERS), async (c) => {
      const id = c.req.param("id");
      const parsed = updateCampaignSchema.safeParse({ audience: audienceFromForm(await formOf(c)) });
      if (!parsed.success) {
        const errors = topFields(
          Object.fromEntries(
            Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k.replace(/^audience\./, ""), v]),
          ),
        );
        return renderCampaignPage(c, deps, id, { status: 422, audienceErrors: errors, errors });
      }
      const result = await updateCampaign(deps, id, parsed.data, await actorOf(c, deps));
      if (!result.ok) {
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 422,
          message: result.message,
        });
      }
      return c.redirect(`/admin/campaigns/${id}?done=audience#audience`, 303);
    });
}

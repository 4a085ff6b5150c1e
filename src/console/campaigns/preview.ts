// The preview endpoints: the email itself for the editor's frames (GET /:id/preview for the saved version, POST
// /preview for what is in the form), JSON for the editor script as you type (POST /preview.json: subject,
// preheader, plain text and the content safety findings with their lines), and the audience builder's live count
// (GET /audience-count). All render or count through the domain; none writes anything.
import { Hono } from "hono";
import { countAudience } from "../../campaigns/audience.ts";
import { loadCampaign } from "../../campaigns/broadcast.ts";
import { previewCampaign } from "../../campaigns/preview.ts";
import { audienceSchema } from "../../campaigns/schemas.ts";
import type { AppDeps } from "../../deps.ts";
import { escapeHtml } from "../../emails/escape.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { where } from "./components/findings.tsx";
import { audienceFromForm, formOf, parseSources, WRITERS } from "./shared.ts";

/**
 * The email in a console frame: its inline styles (every email is made of them) and nothing else, no script even
 * if markup slipped through (the CSP sandbox, besides the frame's own sandbox attribute), framed only by us.
 */
export const EMAIL_FRAME_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

const LIMIT = 50_000;
const cut = (v: string | undefined, max: number) => (v ?? "").slice(0, max);

/** The form's content, bounded, for a preview (not validated: a preview shows what is there, with findings). */
function previewInput(form: Record<string, string>) {
  return {
    subject: cut(form.subject, 200),
    preheader: cut(form.preheader, 300),
    bodyMarkdown: cut(form.bodyMarkdown, LIMIT),
    authorId: cut(form.authorId, 100),
    sources: parseSources(cut(form.sources, 10_000)).slice(0, 50),
    templateId: null,
  };
}

const placeholder = (message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head><body style="font-family:system-ui,sans-serif;color:#1f2933;padding:1rem"><p>${escapeHtml(message)}</p></body></html>`;

export function campaignPreviewRoutes(deps: AppDeps) {
  const writers = requireRole(...WRITERS);
  return new Hono<ConsoleEnv>()
    .get("/audience-count", async (c) => {
      const parsed = audienceSchema.safeParse(audienceFromForm(c.req.query() as Record<string, string>));
      if (!parsed.success)
        return c.json({ error: { code: "validation_failed", message: "Check the audience." } }, 422);
      return c.json({ count: await countAudience(deps.db, parsed.data, deps.content.topics) });
    })
    .post("/preview", writers, async (c) => {
      const preview = await previewCampaign(deps, previewInput(await formOf(c)));
      c.header("Content-Security-Policy", EMAIL_FRAME_POLICY);
      return c.html(preview.html ?? placeholder("Choose an author and write the body to see the email."));
    })
    .post("/preview.json", writers, async (c) => {
      const preview = await previewCampaign(deps, previewInput(await formOf(c)));
      return c.json({
        subject: preview.subject,
        preheader: preview.preheader,
        text: preview.text,
        errors: preview.errors,
        warnings: preview.warnings,
        findings: preview.findings.map((f) => ({
          severity: f.severity,
          where: where(f),
          field: f.field ?? "body",
          line: f.line,
          message: f.message,
          ruleId: f.ruleId,
          source: f.source,
        })),
      });
    })
    .get("/:id/preview", async (c) => {
      const campaign = await loadCampaign(deps.db, c.req.param("id"));
      c.header("Content-Security-Policy", EMAIL_FRAME_POLICY);
      if (!campaign) return c.html(placeholder("No such campaign."), 404);
      const preview = await previewCampaign(deps, campaign);
      return c.html(preview.html ?? placeholder("Nothing to show yet."));
    });
}

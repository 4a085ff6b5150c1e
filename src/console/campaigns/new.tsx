/** @jsxImportSource hono/jsx */
// GET/POST /admin/campaigns/new (marketers and owners): start from a template in templates/campaigns/ (created at
// once, then edited on its page) or write from scratch in the editor, with the same live preview; saving creates
// it through the same createCampaign the admin API calls, refused with the findings while the check has errors.
import { type Context, Hono } from "hono";
import { fieldErrors } from "../../api/errors.ts";
import { createCampaign } from "../../campaigns/create.ts";
import { createCampaignSchema } from "../../campaigns/schemas.ts";
import type { AppDeps } from "../../deps.ts";
import type { Finding } from "../../lint/index.ts";
import { requireRole } from "../auth.tsx";
import { CsrfField } from "../components/csrf-field.tsx";
import { ErrorSummary } from "../components/error-summary.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";
import { FIELD_LABELS, SCRIPTS } from "./campaign-page.tsx";
import { EditorForm, type EditorValues } from "./components/editor-form.tsx";
import { Findings } from "./components/findings.tsx";
import { PreviewPanel } from "./components/preview-panel.tsx";
import { actorOf, contentFromForm, editorValuesFromForm, formOf, topFields, WRITERS } from "./shared.ts";

const EMPTY: EditorValues = editorValuesFromForm({});

function NewPage(props: {
  c: Context<ConsoleEnv>;
  deps: AppDeps;
  values?: EditorValues;
  errors?: Record<string, string[]> | undefined;
  findings?: Finding[];
}) {
  const { c, deps } = props;
  const values = props.values ?? EMPTY;
  return (
    <ConsoleLayout {...shell(c)} title="New campaign" section="campaigns" scripts={SCRIPTS}>
      <link rel="stylesheet" href="/admin/assets/campaigns.css" />
      <p class="crumbs">
        <a href="/admin/campaigns">Campaigns</a>
      </p>
      <h1>New campaign</h1>
      <ErrorSummary errors={props.errors} labels={FIELD_LABELS} />
      <section class="panel" aria-labelledby="template-title">
        <h2 id="template-title">Start from a template</h2>
        <form method="post" action="/admin/campaigns/new">
          <CsrfField token={c.get("csrfToken")} />
          <label for="field-templateId">Template</label>
          <select id="field-templateId" name="templateId">
            {deps.content.campaignTemplates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name ?? t.subject}
              </option>
            ))}
          </select>
          <button type="submit">Use this template</button>
        </form>
      </section>
      <h2>Or write from scratch</h2>
      <div class="workspace">
        <div class="workspace-main">
          <EditorForm
            action="/admin/campaigns/new"
            csrfToken={c.get("csrfToken")}
            values={values}
            errors={props.errors}
            authors={deps.content.authors}
          />
          <Findings findings={props.findings ?? []} />
        </div>
        <div class="workspace-side">
          <PreviewPanel
            subject={values.subject}
            preheader={values.preheader}
            text={null}
            sender={deps.content.sender.name}
          />
        </div>
      </div>
    </ConsoleLayout>
  );
}

export function newCampaignRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .use("*", requireRole(...WRITERS))
    .get("/", (c) => c.html(<NewPage c={c} deps={deps} />))
    .post("/", async (c) => {
      const form = await formOf(c);
      const input = form.templateId ? { templateId: form.templateId } : contentFromForm(form);
      const values = editorValuesFromForm(form);
      const parsed = createCampaignSchema.safeParse(input);
      if (!parsed.success) {
        return c.html(
          <NewPage c={c} deps={deps} values={values} errors={topFields(fieldErrors(parsed.error))} />,
          422,
        );
      }
      const result = await createCampaign(deps, parsed.data, await actorOf(c, deps));
      if (!result.ok) {
        return c.html(
          <NewPage
            c={c}
            deps={deps}
            values={values}
            errors={result.fields ?? { _: [result.message] }}
            findings={result.findings ?? []}
          />,
          422,
        );
      }
      return c.redirect(`/admin/campaigns/${result.campaign.id}?done=created`, 303);
    });
}

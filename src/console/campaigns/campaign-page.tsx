/** @jsxImportSource hono/jsx */
// The campaign page: everything about one campaign. A writer (marketer, owner) edits a draft beside its live
// preview and the content safety check, sets the audience, submits it for review, tests and sends it; a reviewer
// reads the same preview and approves or sends it back; everyone sees the review history and, once it sends, the
// progress and a link to the report. Forms that fail come back here with their messages (status 422).
import type { Context } from "hono";
import { findAccountById } from "../../accounts/store.ts";
import { countAudience } from "../../campaigns/audience.ts";
import { loadCampaign } from "../../campaigns/broadcast.ts";
import { previewCampaign } from "../../campaigns/preview.ts";
import { campaignProgress } from "../../campaigns/progress.ts";
import { reviewerProblem } from "../../campaigns/review.ts";
import { reviewHistory } from "../../campaigns/review-history.ts";
import { getCampaign } from "../../campaigns/view.ts";
import type { AppDeps } from "../../deps.ts";
import type { Finding } from "../../lint/index.ts";
import { ErrorSummary } from "../components/error-summary.tsx";
import { Notice } from "../components/notice.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";
import { AudienceForm } from "./components/audience-form.tsx";
import { EditorForm, type EditorValues } from "./components/editor-form.tsx";
import { Findings } from "./components/findings.tsx";
import { PreviewPanel } from "./components/preview-panel.tsx";
import { ProgressBar } from "./components/progress-bar.tsx";
import { ReviewPanel } from "./components/review-panel.tsx";
import { SendPanel } from "./components/send-panel.tsx";
import { NOTICES, sourcesText, WRITERS } from "./shared.ts";

export const SCRIPTS = ["campaign-editor.js", "campaign-progress.js", "local-time.js"];

export const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  subject: "Subject",
  preheader: "Preheader",
  bodyMarkdown: "Body",
  authorId: "Author",
  sources: "Sources",
  tags: "Tags",
  locales: "Locales",
  countries: "Countries",
  comment: "Comment",
  scheduledAt: "Schedule",
  title: "Your title",
  _: "Campaign",
};

export type PageState = {
  status?: 200 | 403 | 404 | 409 | 422 | 502;
  errors?: Record<string, string[]> | undefined;
  message?: string | undefined;
  /** The editor's values as posted (an edit that was refused keeps what the person typed). */
  values?: EditorValues | undefined;
  findings?: Finding[] | undefined;
  audienceErrors?: Record<string, string[]> | undefined;
  schedule?: { at?: string; zone?: string } | undefined;
};

export async function renderCampaignPage(
  c: Context<ConsoleEnv>,
  deps: AppDeps,
  id: string,
  state: PageState = {},
) {
  const found = await getCampaign(deps, id);
  const row = await loadCampaign(deps.db, id);
  if (!found.ok || !row) {
    return c.html(
      <ConsoleLayout {...shell(c)} title="No such campaign" section="campaigns">
        <h1>No such campaign</h1>
        <p>
          <a href="/admin/campaigns">All campaigns</a>
        </p>
      </ConsoleLayout>,
      404,
    );
  }
  const campaign = found.campaign;
  const viewer = c.get("account");
  const writer = (WRITERS as readonly string[]).includes(viewer.role);
  const draft = campaign.status === "draft";
  const [history, progress, audienceNow, saved, viewerAccount] = await Promise.all([
    reviewHistory(deps, id),
    campaignProgress(deps, id),
    countAudience(deps.db, campaign.audience, deps.content.topics),
    previewCampaign(deps, row),
    findAccountById(deps.db, viewer.id),
  ]);
  const values: EditorValues = state.values ?? {
    name: campaign.name,
    subject: campaign.subject,
    preheader: campaign.preheader,
    bodyMarkdown: row.bodyMarkdown,
    authorId: campaign.authorId,
    sources: sourcesText(row.sources),
  };
  const block = viewerAccount ? reviewerProblem(row, viewerAccount) : undefined;
  const notice = NOTICES[c.req.query("done") ?? ""];
  const started = campaign.status !== "draft" && progress.ok;
  return c.html(
    <ConsoleLayout {...shell(c)} title={campaign.name} section="campaigns" scripts={SCRIPTS}>
      <link rel="stylesheet" href="/admin/assets/campaigns.css" />
      <p class="crumbs">
        <a href="/admin/campaigns">Campaigns</a>
      </p>
      <h1>{campaign.name}</h1>
      <p class="status-line">
        <span class={`badge ${campaign.status}`}>{campaign.status}</span>{" "}
        <span class={`badge review-${campaign.review.state}`}>
          review: {campaign.review.state.replace("_", " ")}
        </span>{" "}
        {campaign.status === "sent" || campaign.status === "sending" || campaign.status === "paused" ? (
          <a href={`/admin/campaigns/${id}/report`}>Report</a>
        ) : null}
      </p>
      <Notice text={notice} />
      {state.message ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>There is a problem</h2>
          <p>{state.message}</p>
        </div>
      ) : null}
      <ErrorSummary errors={state.errors} labels={FIELD_LABELS} />
      {started && progress.ok ? <ProgressBar progress={progress.progress} campaignId={id} /> : null}
      <div class="workspace">
        <div class="workspace-main">
          {draft && writer ? (
            <EditorForm
              action={`/admin/campaigns/${id}`}
              csrfToken={c.get("csrfToken")}
              values={values}
              errors={state.errors}
              authors={deps.content.authors}
              approved={campaign.review.state === "approved"}
            />
          ) : (
            <section class="panel" aria-labelledby="content-title">
              <h2 id="content-title">Content</h2>
              <dl class="facts">
                <dt>Subject</dt>
                <dd>{campaign.subject}</dd>
                <dt>Preheader</dt>
                <dd>{campaign.preheader}</dd>
                <dt>Author</dt>
                <dd>{campaign.authorId}</dd>
                <dt>Sources</dt>
                <dd>{row.sources.length === 0 ? "None" : sourcesText(row.sources)}</dd>
              </dl>
              <h3>Body (Markdown)</h3>
              <pre class="plain-text">{row.bodyMarkdown}</pre>
            </section>
          )}
          <Findings findings={state.findings ?? saved.findings} />
        </div>
        <div class="workspace-side">
          <PreviewPanel
            subject={values.subject}
            preheader={values.preheader}
            text={saved.text}
            src={`/admin/campaigns/${id}/preview`}
            sender={deps.content.sender.name}
          />
        </div>
      </div>
      <AudienceForm
        campaignId={id}
        audience={campaign.audience}
        count={audienceNow}
        csrfToken={c.get("csrfToken")}
        editable={draft && writer}
        errors={state.audienceErrors}
        topics={deps.content.topics.list}
      />
      {history.ok ? (
        <ReviewPanel
          campaign={campaign}
          history={history.history}
          viewer={viewer}
          csrfToken={c.get("csrfToken")}
          errors={state.errors}
          mayReview={!block}
          reviewBlock={block?.message}
        />
      ) : null}
      {writer ? (
        <SendPanel
          campaign={campaign}
          csrfToken={c.get("csrfToken")}
          email={viewer.email}
          errors={state.errors}
          values={state.schedule}
        />
      ) : null}
    </ConsoleLayout>,
    state.status ?? 200,
  );
}

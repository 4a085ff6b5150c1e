/** @jsxImportSource hono/jsx */
// Sending, for marketers and owners: a test to yourself, a schedule (entered in your time zone, shown in it and in
// UTC), send now (a confirmation page that says how many people it goes to), cancel and resume. What is offered
// follows the campaign's status and review; the domain refuses anything else anyway.
import type { CampaignView } from "../../../campaigns/view.ts";
import { CsrfField } from "../../components/csrf-field.tsx";
import { Time } from "./time.tsx";

export function SendPanel(props: {
  campaign: CampaignView;
  csrfToken: string;
  email: string;
  errors?: Record<string, string[]> | undefined;
  values?: { at?: string; zone?: string } | undefined;
}) {
  const { campaign, csrfToken, errors } = props;
  const base = `/admin/campaigns/${campaign.id}`;
  const approved = campaign.review.state === "approved";
  const draft = campaign.status === "draft";
  return (
    <section class="panel" aria-labelledby="send-title" id="send">
      <h2 id="send-title">Test and send</h2>
      {campaign.status === "scheduled" ? (
        <p>
          Scheduled for <Time at={campaign.scheduledAt} />.
        </p>
      ) : null}
      {campaign.statusReason ? <p class="muted">{campaign.statusReason}</p> : null}
      <form method="post" action={`${base}/test`}>
        <CsrfField token={csrfToken} />
        <button type="submit" class="secondary">
          Send a test to me ({props.email})
        </button>
      </form>
      {draft && !approved ? (
        <p class="muted">Sending and scheduling open once a reviewer has approved it.</p>
      ) : null}
      {draft && approved ? (
        <>
          <p>
            <a class="button" href={`${base}/send`}>
              Send now…
            </a>
          </p>
          <form method="post" action={`${base}/schedule`} id="schedule-form">
            <CsrfField token={csrfToken} />
            <fieldset>
              <legend>Schedule</legend>
              <label for="field-at">Date and time</label>
              <p class="hint" id="field-at-hint">
                In the time zone below (your browser's, when it can tell; otherwise UTC).
              </p>
              <input
                id="field-at"
                name="at"
                type="datetime-local"
                value={props.values?.at ?? ""}
                aria-invalid={errors?.scheduledAt?.length ? "true" : undefined}
                aria-describedby={`field-at-hint${errors?.scheduledAt?.length ? " field-at-error" : ""}`}
              />
              {errors?.scheduledAt?.length ? (
                <p class="error" id="field-at-error">
                  {errors.scheduledAt.join(" ")}
                </p>
              ) : null}
              <label for="field-zone">Time zone</label>
              <input
                id="field-zone"
                name="zone"
                type="text"
                value={props.values?.zone ?? "UTC"}
                data-browser-zone=""
                aria-describedby="field-zone-hint"
              />
              <p class="hint" id="field-zone-hint">
                An IANA zone such as Europe/London or America/New_York.
              </p>
              <button type="submit">Schedule</button>
            </fieldset>
          </form>
        </>
      ) : null}
      {["draft", "scheduled", "sending", "paused"].includes(campaign.status) && !(draft && !approved) ? (
        <form method="post" action={`${base}/cancel`}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="danger">
            {campaign.status === "draft" ? "Cancel this campaign" : "Cancel sending"}
          </button>
        </form>
      ) : null}
      {campaign.status === "paused" ? (
        <form method="post" action={`${base}/resume`}>
          <CsrfField token={csrfToken} />
          <label>
            <input type="checkbox" name="acknowledgeComplaintRate" value="yes" /> I have looked at the
            complaint rate and want to continue anyway
          </label>
          <button type="submit">Resume sending</button>
        </form>
      ) : null}
    </section>
  );
}

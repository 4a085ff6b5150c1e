/** @jsxImportSource hono/jsx */
// Clinical review on the campaign page: where it stands, the action the viewer may take (a writer submits; a
// reviewer approves or sends back with a comment), and the history of every step.
import type { ReviewEntry } from "../../../campaigns/review-history.ts";
import type { CampaignView } from "../../../campaigns/view.ts";
import { CsrfField } from "../../components/csrf-field.tsx";
import type { ConsoleAccount } from "../../env.ts";
import { Time } from "./time.tsx";

const STATE_TEXT: Record<CampaignView["review"]["state"], string> = {
  none: "Not submitted for review yet.",
  in_review: "Waiting for a reviewer.",
  approved: "Approved.",
  returned: "Sent back for changes.",
};

const ACTION_TEXT: Record<ReviewEntry["action"], string> = {
  submitted: "Submitted for review",
  approved: "Approved",
  returned: "Sent back",
  voided: "Review voided",
};

export function ReviewPanel(props: {
  campaign: CampaignView & { contentHash: string };
  history: ReviewEntry[];
  viewer: ConsoleAccount;
  csrfToken: string;
  errors?: Record<string, string[]> | undefined;
  /** Whether this viewer may review this campaign (role reviewer and not its writer, editor or submitter). */
  mayReview: boolean;
  reviewBlock?: string | undefined;
}) {
  const { campaign, viewer, csrfToken } = props;
  const { review } = campaign;
  const base = `/admin/campaigns/${campaign.id}`;
  const draft = campaign.status === "draft";
  const writer = viewer.role === "marketer" || viewer.role === "owner";
  return (
    <section class="panel" aria-labelledby="review-title" id="review">
      <h2 id="review-title">Clinical review</h2>
      <p class={`review-state ${review.state}`}>
        <strong>{STATE_TEXT[review.state]}</strong>{" "}
        {review.approval ? (
          <>
            Reviewed by {review.approval.name}, {review.approval.title}, on <Time at={review.approval.at} />.
            The email says so in its attribution.
          </>
        ) : null}
      </p>
      {draft && writer && (review.state === "none" || review.state === "returned") ? (
        <form method="post" action={`${base}/submit`}>
          <CsrfField token={csrfToken} />
          <p class="hint">A reviewer who did not write or edit it approves it before it can be sent.</p>
          <button type="submit">Submit for review</button>
        </form>
      ) : null}
      {draft && review.state === "in_review" && viewer.role === "reviewer" ? (
        props.mayReview ? (
          <div class="review-actions">
            <form method="post" action={`${base}/approve`}>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="contentHash" value={campaign.contentHash} />
              <p class="hint">
                Approving puts "Reviewed by {viewer.name}" with your title and today's date in the email.
              </p>
              <button type="submit">Approve</button>
            </form>
            <form method="post" action={`${base}/return`}>
              <CsrfField token={csrfToken} />
              <label for="field-comment">What needs to change</label>
              <textarea
                id="field-comment"
                name="comment"
                rows={3}
                aria-invalid={props.errors?.comment?.length ? "true" : undefined}
                aria-describedby={props.errors?.comment?.length ? "field-comment-error" : undefined}
              />
              {props.errors?.comment?.length ? (
                <p class="error" id="field-comment-error">
                  {props.errors.comment.join(" ")}
                </p>
              ) : null}
              <button type="submit" class="secondary">
                Send back with this comment
              </button>
            </form>
          </div>
        ) : (
          <p class="muted">{props.reviewBlock}</p>
        )
      ) : null}
      <h3>History</h3>
      {props.history.length === 0 ? (
        <p class="muted">No review steps yet.</p>
      ) : (
        <ol class="history">
          {props.history.map((h) => (
            <li key={`${h.at}:${h.action}`}>
              <strong>{ACTION_TEXT[h.action]}</strong> by {h.by.name}
              {h.via === "api" ? " (through the admin API)" : ""}, <Time at={h.at} />
              {h.comment ? <blockquote>{h.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

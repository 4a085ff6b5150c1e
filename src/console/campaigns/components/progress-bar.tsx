/** @jsxImportSource hono/jsx */
// The send's progress: a <progress> element with sent of audience, the rate and the expected finish. The progress
// script polls the JSON endpoint and updates the same elements; without it, reloading the page shows the figures.
import type { CampaignProgress } from "../../../campaigns/progress.ts";
import { fmt } from "../shared.ts";
import { Time } from "./time.tsx";

export function progressText(p: CampaignProgress): string {
  const rate = p.ratePerMinute !== null ? ` · ${fmt(p.ratePerMinute)} per minute` : "";
  return `${fmt(p.sent)} of ${fmt(p.audience)} sent (${p.percent}%)${rate}`;
}

export function ProgressBar({ progress, campaignId }: { progress: CampaignProgress; campaignId: string }) {
  const max = Math.max(progress.audience, 1);
  return (
    <section
      class="panel"
      aria-labelledby="progress-title"
      id="progress"
      data-progress-url={`/admin/campaigns/${campaignId}/progress.json`}
      data-status={progress.status}
    >
      <h2 id="progress-title">Progress</h2>
      <label for="progress-bar" class="visually-hidden">
        Sent of audience
      </label>
      <progress id="progress-bar" max={max} value={Math.min(progress.sent, max)}>
        {progress.percent}%
      </progress>
      <p id="progress-text">{progressText(progress)}</p>
      <p id="progress-finish">
        {progress.status === "sent" ? (
          <>
            Finished <Time at={progress.finishedAt} />.
          </>
        ) : progress.expectedFinishAt ? (
          <>
            Expected to finish around <Time at={progress.expectedFinishAt} />.
          </>
        ) : (
          "Expected finish: not known yet."
        )}
      </p>
      <p id="progress-status" aria-live="polite">
        Status: {progress.status}.{" "}
        {progress.status === "sent" ? (
          <a href={`/admin/campaigns/${campaignId}/report`}>See the report</a>
        ) : null}
      </p>
    </section>
  );
}

/** @jsxImportSource hono/jsx */
// /admin/content: the drip series in the order it is sent, with each lesson's delay, review, lint status and reach.
import type { LessonSummary } from "../../lessons/overview.ts";
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";

export function ContentOverviewPage(
  props: Pick<ConsoleLayoutProps, "account" | "csrfToken"> & { lessons: LessonSummary[] },
) {
  return (
    <ConsoleLayout {...props} title="Content" section="content">
      <h1>Content: the educational series</h1>
      <p>
        After someone confirms, they get the welcome email and then these lessons, each after its delay.
        Lessons live in <code>templates/lessons/</code>; a change goes through the repository and{" "}
        <code>npm run lint:content</code>.
      </p>
      <div class="table-wrap">
        <table class="stack">
          <caption class="visually-hidden">Lessons in the order they are sent</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Lesson</th>
              <th scope="col">Delay</th>
              <th scope="col">Medical review</th>
              <th scope="col">Content check</th>
              <th scope="col">Received by</th>
            </tr>
          </thead>
          <tbody>
            {props.lessons.map((l) => (
              <tr key={l.id}>
                <td data-label="#">{l.order}</td>
                <td data-label="Lesson">
                  <a href={`/admin/content/lessons/${l.id}`}>{l.subject}</a>
                  <br />
                  <span class="muted">
                    by {l.author.name} · <code>{l.id}</code>
                  </span>
                </td>
                <td data-label="Delay">
                  {l.delay} after the previous email
                  <br />
                  <span class="muted">day {l.dayInSeries} of the series</span>
                </td>
                <td data-label="Medical review">
                  {l.review ? (
                    <>
                      Reviewed by {l.review.reviewer}, {l.review.role}
                      {l.review.reviewedOn ? `, on ${l.review.reviewedOn}` : ""}
                    </>
                  ) : (
                    <span class="warn-text">Not reviewed</span>
                  )}
                </td>
                <td data-label="Content check">
                  <LintStatus lint={l.lint} />
                </td>
                <td data-label="Received by">
                  {l.sends.received} {l.sends.received === 1 ? "person" : "people"}
                  <br />
                  <span class="muted">
                    {l.sends.delivered} delivered · {l.sends.bounced} bounced · {l.sends.failed} failed
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        "Received by" counts lesson emails that reached an inbox or are on their way (sent, delivered,
        delayed); erased people are no longer counted.
      </p>
    </ConsoleLayout>
  );
}

export function LintStatus({ lint }: { lint: LessonSummary["lint"] }) {
  if (lint.errors === 0 && lint.warnings === 0) return <span class="ok-text">No findings</span>;
  const parts = [
    lint.errors > 0 ? `${lint.errors} ${lint.errors === 1 ? "error" : "errors"}` : "",
    lint.warnings > 0 ? `${lint.warnings} ${lint.warnings === 1 ? "warning" : "warnings"}` : "",
  ].filter(Boolean);
  return <span class={lint.errors > 0 ? "error-text" : "warn-text"}>{parts.join(", ")}</span>;
}

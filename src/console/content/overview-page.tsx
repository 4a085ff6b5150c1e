/** @jsxImportSource hono/jsx */
// /admin/content: the drip series in the order it is sent, with each lesson's delay, review, lint status and reach.
import type { LessonSummary } from "../../lessons/overview.ts";
import { type Column, DataTable } from "../components/data-table.tsx";
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";

const COLUMNS: Column<LessonSummary>[] = [
  { header: "#", cell: (l) => l.order },
  {
    header: "Lesson",
    cell: (l) => (
      <>
        <a href={`/admin/content/lessons/${l.id}`}>{l.subject}</a>
        <br />
        <span class="muted">
          by {l.author.name} · <code>{l.id}</code>
        </span>
      </>
    ),
  },
  {
    header: "Delay",
    cell: (l) => (
      <>
        {l.delay} after the previous email
        <br />
        <span class="muted">day {l.dayInSeries} of the series</span>
      </>
    ),
  },
  {
    header: "Medical review",
    cell: (l) =>
      l.review ? (
        <>
          Reviewed by {l.review.reviewer}, {l.review.role}
          {l.review.reviewedOn ? `, on ${l.review.reviewedOn}` : ""}
        </>
      ) : (
        <span class="warn-text">Not reviewed</span>
      ),
  },
  { header: "Content check", cell: (l) => <LintStatus lint={l.lint} /> },
  {
    header: "Received by",
    cell: (l) => (
      <>
        {l.sends.received} {l.sends.received === 1 ? "person" : "people"}
        <br />
        <span class="muted">
          {l.sends.delivered} delivered · {l.sends.bounced} bounced · {l.sends.failed} failed
        </span>
      </>
    ),
  },
];

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
      <DataTable
        stack
        caption="Lessons in the order they are sent"
        columns={COLUMNS}
        rows={props.lessons}
        rowKey={(l) => l.id}
      />
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

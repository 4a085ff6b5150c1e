/** @jsxImportSource hono/jsx */
// One lesson: how it shows in an inbox (subject and preheader), its review and content check findings, and the
// real rendered email in sandboxed frames at desktop and phone width, plus the plain-text part.
import type { LessonSummary } from "../../lessons/overview.ts";
import type { LessonPreview } from "../../lessons/preview.ts";
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";
import { LintStatus } from "./overview-page.tsx";

export function LessonPage(
  props: Pick<ConsoleLayoutProps, "account" | "csrfToken"> & {
    lesson: LessonSummary;
    preview: LessonPreview;
  },
) {
  const { lesson, preview } = props;
  return (
    <ConsoleLayout {...props} title={`Lesson ${lesson.order}`} section="content">
      <p>
        <a href="/admin/content">← All lessons</a>
      </p>
      <h1>
        Lesson {lesson.order}: <span class="wrap-anywhere">{lesson.id}</span>
      </h1>
      <h2 id="inbox">As an inbox shows it</h2>
      <section class="inbox-line" aria-labelledby="inbox">
        <p>
          <strong>{preview.subject}</strong>
        </p>
        <p class="muted">{preview.preheader}</p>
      </section>
      <dl class="facts">
        <dt>Delay</dt>
        <dd>
          {lesson.delay} after the previous email (day {lesson.dayInSeries})
        </dd>
        <dt>Author</dt>
        <dd>
          {lesson.author.name}, {lesson.author.role}
        </dd>
        <dt>Medical review</dt>
        <dd>
          {lesson.review
            ? `${lesson.review.reviewer}, ${lesson.review.role}${lesson.review.reviewedOn ? `, on ${lesson.review.reviewedOn}` : ""}`
            : "Not reviewed"}
        </dd>
        <dt>Received by</dt>
        <dd>
          {lesson.sends.received} ({lesson.sends.delivered} delivered, {lesson.sends.bounced} bounced)
        </dd>
        <dt>File</dt>
        <dd>
          <code>{lesson.path}</code>
        </dd>
      </dl>

      <h2 id="check">Content check</h2>
      <p>
        <LintStatus lint={lesson.lint} />
      </p>
      {lesson.lint.findings.length > 0 ? (
        <ul class="findings">
          {lesson.lint.findings.map((f) => (
            <li key={`${f.ruleId}:${f.field}:${f.line}:${f.column}`}>
              <strong>{f.severity === "error" ? "Error" : "Warning"}</strong> in {f.field ?? "body"}, line{" "}
              {f.line}: {f.message}{" "}
              <span class="muted">
                ({f.ruleId}; {f.source})
              </span>
              {f.excerpt ? (
                <>
                  <br />
                  <q>{f.excerpt}</q>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      <h2 id="preview">Preview</h2>
      <p class="hint">
        The email as the series sends it, to a sample reader in the US. Links in the preview do not work.
      </p>
      <div class="previews">
        <figure class="preview preview-desktop">
          <figcaption>Desktop (600 px)</figcaption>
          <iframe title={`Lesson ${lesson.order} at desktop width`} sandbox="" srcdoc={preview.html} />
        </figure>
        <figure class="preview preview-phone">
          <figcaption>Phone (375 px)</figcaption>
          <iframe title={`Lesson ${lesson.order} at phone width`} sandbox="" srcdoc={preview.html} />
        </figure>
      </div>
      <section aria-labelledby="text">
        <h2 id="text">Plain text</h2>
        {/* Focusable so keyboard users can scroll it (it has its own scroll area). */}
        <pre class="plain-text" tabindex={0}>
          {preview.text}
        </pre>
      </section>
    </ConsoleLayout>
  );
}

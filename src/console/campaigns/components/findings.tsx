/** @jsxImportSource hono/jsx */
// The content safety check's findings beside the editor: severity, where (field and line), the message and where the
// rule comes from. The editor script replaces the list's items as the text changes; the markup is the same.
import type { Finding } from "../../../lint/index.ts";

const FIELD_LABEL: Record<string, string> = {
  subject: "Subject",
  preheader: "Preheader",
  body: "Body",
  author: "Author",
  reviewer: "Reviewer",
  reviewedOn: "Review date",
  "front-matter": "Details",
};

export function where(f: Pick<Finding, "field" | "line">): string {
  const field = FIELD_LABEL[f.field ?? "body"] ?? "Body";
  return f.field === "body" || f.field === undefined ? `${field}, line ${f.line}` : field;
}

export function Findings({ findings }: { findings: readonly Finding[] }) {
  const errors = findings.filter((f) => f.severity === "error").length;
  return (
    <section class="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">Content safety check</h2>
      <p id="findings-summary" aria-live="polite">
        {findings.length === 0
          ? "No findings."
          : `${errors} error(s), ${findings.length - errors} warning(s).`}
      </p>
      <ul id="findings-list">
        {findings.map((f) => (
          <li key={`${f.ruleId}:${f.field}:${f.line}:${f.column}`} class={`finding finding-${f.severity}`}>
            <strong>{f.severity === "error" ? "Error" : "Warning"}</strong> · {where(f)}: {f.message}{" "}
            <span class="muted">
              ({f.ruleId}; {f.source})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

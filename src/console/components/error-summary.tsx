/** @jsxImportSource hono/jsx */
// The box at the top of a form that failed validation: each message links to its field (GOV.UK pattern).
export function ErrorSummary({
  errors,
  labels,
}: {
  errors: Record<string, string[]> | undefined;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(errors ?? {}).filter(([, messages]) => messages.length > 0);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>There is a problem</h2>
      <ul>
        {entries.map(([field, messages]) => (
          <li key={field}>
            <a href={`#field-${field}`}>
              {labels[field] ? `${labels[field]}: ` : ""}
              {messages.join(" ")}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

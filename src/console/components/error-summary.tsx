/** @jsxImportSource hono/jsx */
// The box at the top of a form that failed validation: each message links to its field (GOV.UK pattern).

/**
 * The entry's text: the field's label, then its messages. Some schemas' messages already open with the label
 * ("Name: at least 3 characters.", written so an API client knows the field too); those are shown as they are,
 * so the label is not said twice.
 */
function entryText(label: string | undefined, messages: string[]): string {
  const text = messages.join(" ");
  return label && !text.startsWith(`${label}:`) ? `${label}: ${text}` : text;
}

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
            {/* "_" is the form's own message (no field of its own to link to). */}
            {field === "_" ? (
              entryText(labels[field], messages)
            ) : (
              <a href={`#field-${field}`}>{entryText(labels[field], messages)}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

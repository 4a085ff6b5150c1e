/** @jsxImportSource hono/jsx */
// The campaign editor: name, subject, preheader, Markdown body, author and sources. It saves to the campaign (or
// creates one); "Preview without saving" posts the same fields into the preview frame. The editor script adds the
// live preview and findings as you type; without it, saving shows them.
import type { Author } from "../../../content/schema.ts";
import { CsrfField } from "../../components/csrf-field.tsx";

export type EditorValues = {
  name: string;
  subject: string;
  preheader: string;
  bodyMarkdown: string;
  authorId: string;
  sources: string;
};

type Props = {
  action: string;
  csrfToken: string;
  values: EditorValues;
  errors?: Record<string, string[]> | undefined;
  authors: readonly Author[];
  /** When the campaign is approved: saving a change to what it says voids the approval. */
  approved?: boolean;
};

function FieldError({ name, errors }: { name: string; errors?: Record<string, string[]> | undefined }) {
  const messages = errors?.[name];
  if (!messages?.length) return null;
  return (
    <p class="error" id={`field-${name}-error`}>
      {messages.join(" ")}
    </p>
  );
}

const describedBy = (name: string, errors: Props["errors"], hint = false) =>
  [hint ? `field-${name}-hint` : "", errors?.[name]?.length ? `field-${name}-error` : ""]
    .filter(Boolean)
    .join(" ") || undefined;
const invalid = (name: string, errors: Props["errors"]) => (errors?.[name]?.length ? "true" : undefined);

/**
 * A one-line field (the team's name for the campaign, its subject, preheader): label, hint, input with its length
 * cap, and its own message when invalid, which the input points at through aria-describedby.
 */
function LineField(props: {
  name: "name" | "subject" | "preheader";
  label: string;
  hint?: string;
  values: EditorValues;
  errors: Props["errors"];
  maxlength: number;
}) {
  const { name, errors } = props;
  return (
    <>
      <label for={`field-${name}`}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`field-${name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={`field-${name}`}
        name={name}
        type="text"
        value={props.values[name]}
        maxlength={props.maxlength}
        aria-invalid={invalid(name, errors)}
        aria-describedby={describedBy(name, errors, Boolean(props.hint))}
      />
      <FieldError name={name} errors={errors} />
    </>
  );
}

export function EditorForm({ action, csrfToken, values, errors, authors, approved }: Props) {
  return (
    <form method="post" action={action} id="campaign-editor" class="editor" novalidate>
      <CsrfField token={csrfToken} />
      {approved ? (
        <p class="notice warn" id="editor-approved-note">
          This campaign is approved. Saving a change to the subject, preheader, body, author or sources voids
          the approval, and it must be reviewed again.
        </p>
      ) : null}
      <LineField
        name="name"
        label="Name (only the team sees it)"
        values={values}
        errors={errors}
        maxlength={120}
      />
      <LineField name="subject" label="Subject" values={values} errors={errors} maxlength={78} />
      <LineField
        name="preheader"
        label="Preheader"
        hint="The line an inbox shows after the subject."
        values={values}
        errors={errors}
        maxlength={140}
      />
      <label for="field-bodyMarkdown">Body (Markdown)</label>
      <p class="hint" id="field-bodyMarkdown-hint">
        Headings with ##, lists with -, links as [text](https://…). Findings below give the line.
      </p>
      <textarea
        id="field-bodyMarkdown"
        name="bodyMarkdown"
        rows={16}
        spellcheck
        aria-invalid={invalid("bodyMarkdown", errors)}
        aria-describedby={describedBy("bodyMarkdown", errors, true)}
      >
        {values.bodyMarkdown}
      </textarea>
      <FieldError name="bodyMarkdown" errors={errors} />
      <label for="field-authorId">Author</label>
      <select
        id="field-authorId"
        name="authorId"
        aria-invalid={invalid("authorId", errors)}
        aria-describedby={describedBy("authorId", errors)}
      >
        <option value="">Choose the author</option>
        {authors.map((a) => (
          <option key={a.id} value={a.id} selected={a.id === values.authorId}>
            {`${a.name}, ${a.role}`}
          </option>
        ))}
      </select>
      <FieldError name="authorId" errors={errors} />
      <label for="field-sources">Sources</label>
      <p class="hint" id="field-sources-hint">
        One per line: the claim or figure as it appears in the body, a bar, then the citation. Example: over
        50% | Smith et al., JAMA Psychiatry, 2024
      </p>
      <textarea
        id="field-sources"
        name="sources"
        rows={3}
        aria-invalid={invalid("sources", errors)}
        aria-describedby={describedBy("sources", errors, true)}
      >
        {values.sources}
      </textarea>
      <FieldError name="sources" errors={errors} />
      <div class="actions">
        <button type="submit">Save</button>
        <button
          type="submit"
          class="secondary"
          formaction="/admin/campaigns/preview"
          formtarget="preview-desktop"
          id="preview-button"
        >
          Preview without saving
        </button>
      </div>
    </form>
  );
}

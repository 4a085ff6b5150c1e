/** @jsxImportSource hono/jsx */
// The CSV import's three pages: the upload form, the preview of what would happen (first rows with their
// findings, counts for the whole file) with a confirm button, and the summary after the import ran.
import type { ImportSummary } from "../../subscribers/import.ts";
import type { ImportPreview, PreviewOutcome } from "../../subscribers/import-preview.ts";
import { CsrfField } from "../components/csrf-field.tsx";
import { type Column, DataTable } from "../components/data-table.tsx";
import { ErrorSummary } from "../components/error-summary.tsx";
import { boundTextField } from "../components/text-field.tsx";
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";

type Shell = Pick<ConsoleLayoutProps, "account" | "csrfToken">;

/** The import options as typed in the form (strings), carried from the upload to the confirm step. */
export type ImportFormValues = {
  source?: string | undefined;
  priorConsent?: boolean | undefined;
  consentedAt?: string | undefined;
  page?: string | undefined;
  wordingVersion?: string | undefined;
  privacyVersion?: string | undefined;
};

const OPTION_LABELS = {
  file: "CSV file",
  source: "Where the addresses came from",
  priorConsent: "Prior consent",
  consentedAt: "When consent was given",
  page: "Page where consent was given",
  wordingVersion: "Consent wording version",
  privacyVersion: "Privacy notice version",
  _: "Import",
};

const OUTCOMES: Record<PreviewOutcome, string> = {
  new: "New: will be added",
  existing: "Already on the list: left as it is",
  suppressed: "Suppressed: never added again",
  invalid: "Invalid",
  duplicate: "Repeats an earlier row",
};

export function ImportUploadPage(
  props: Shell & { values?: ImportFormValues; errors?: Record<string, string[]> },
) {
  const v = props.values ?? {};
  const e = props.errors;
  return (
    <ConsoleLayout {...props} title="Import subscribers" section="subscribers">
      <p>
        <a href="/admin/subscribers">← All subscribers</a>
      </p>
      <h1>Import subscribers from a CSV file</h1>
      <ErrorSummary errors={e} labels={OPTION_LABELS} />
      <p>
        The first line names the columns: <code>email</code> (required), <code>first_name</code>,{" "}
        <code>locale</code>, <code>country</code>, <code>tags</code> (separated by <code>;</code>). Up to
        5,000 rows. You see what would happen before anything is written; one bad row stops the whole import.
      </p>
      <form method="post" action="/admin/subscribers/import/preview" enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrfToken ?? ""} />
        <label for="field-file">CSV file</label>
        <input
          id="field-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-invalid={e?.file ? "true" : undefined}
          aria-describedby={e?.file ? "field-file-error" : undefined}
        />
        {e?.file ? (
          <p class="error" id="field-file-error">
            {e.file.join(" ")}
          </p>
        ) : null}
        <OptionFields values={v} errors={e} />
        <button type="submit">Preview the import</button>
      </form>
    </ConsoleLayout>
  );
}

function OptionFields({
  values: v,
  errors: e,
}: {
  values: ImportFormValues;
  errors?: Record<string, string[]> | undefined;
}) {
  const Option = boundTextField(v, e, OPTION_LABELS);
  return (
    <>
      <Option
        name="source"
        hint='Recorded with each person as "import:<source>", e.g. webinar-2026.'
        required
      />
      <div class="checkbox">
        <input
          id="field-priorConsent"
          name="priorConsent"
          type="checkbox"
          value="yes"
          checked={v.priorConsent}
        />
        <label for="field-priorConsent">
          Everyone in this file already agreed to receive this newsletter
        </label>
      </div>
      <p class="hint">
        Unticked (the default), new people are added as pending and get the confirmation email first. Ticked,
        they are active at once and a consent record names where and when they agreed.
      </p>
      {e?.priorConsent ? <p class="error">{e.priorConsent.join(" ")}</p> : null}
      <details open={Boolean(v.consentedAt || v.page || v.wordingVersion || v.privacyVersion || e)}>
        <summary>Where the prior consent was given (only with the box ticked)</summary>
        <Option
          name="consentedAt"
          hint="ISO 8601 with a zone, e.g. 2026-05-01T09:00:00Z. Empty: the time of the import."
        />
        <Option name="page" hint="https://…" />
        <Option name="wordingVersion" />
        <Option name="privacyVersion" />
      </details>
    </>
  );
}

const PREVIEW_COLUMNS: Column<ImportPreview["rows"][number]>[] = [
  { header: "Line", cell: (r) => r.line },
  { header: "Email address", class: "wrap-anywhere", cell: (r) => r.email || "—" },
  { header: "First name", cell: (r) => r.firstName || "—" },
  { header: "Locale", cell: (r) => r.locale || "—" },
  { header: "Country", cell: (r) => r.country || "—" },
  { header: "Tags", cell: (r) => r.tags || "—" },
  {
    header: "What happens",
    cell: (r) => (
      <>
        <span class={`outcome outcome-${r.outcome}`}>{OUTCOMES[r.outcome]}</span>
        {Object.keys(r.messages).length > 0 ? (
          <ul class="findings">
            {Object.entries(r.messages).map(([column, messages]) => (
              <li key={column}>
                {column}: {messages.join("; ")}
              </li>
            ))}
          </ul>
        ) : null}
      </>
    ),
  },
];

export function ImportPreviewPage(
  props: Shell & {
    preview: ImportPreview;
    csv: string;
    fileName: string;
    values: ImportFormValues;
    refused?: string;
  },
) {
  const { preview, values } = props;
  const status = values.priorConsent ? "active (prior consent)" : "pending until they confirm";
  return (
    <ConsoleLayout {...props} title="Import preview" section="subscribers">
      <p>
        <a href="/admin/subscribers/import">← Choose another file</a>
      </p>
      <h1>What this import would do</h1>
      {props.refused ? (
        <div class="error-summary" role="alert">
          <h2>Nothing was imported</h2>
          <p>{props.refused}</p>
        </div>
      ) : null}
      <p>
        <code>{props.fileName}</code>: {preview.rowCount} {preview.rowCount === 1 ? "row" : "rows"}, source{" "}
        <code>import:{values.source}</code>; new people will be {status}. Nothing has been written yet.
      </p>
      {preview.fileProblems.length > 0 ? (
        <div class="error-summary" role="alert">
          <h2>The file cannot be imported</h2>
          <ul>
            {preview.fileProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul class="counts">
        {(Object.keys(OUTCOMES) as PreviewOutcome[]).map((o) => (
          <li key={o}>
            <strong>{preview.counts[o]}</strong> {OUTCOMES[o].toLowerCase()}
          </li>
        ))}
      </ul>
      {preview.ignoredColumns.length > 0 ? (
        <p>
          Ignored columns:{" "}
          {preview.ignoredColumns.map((c) => (
            <code key={c}>{c}</code>
          ))}{" "}
          (only email, first_name, locale, country and tags are read).
        </p>
      ) : null}
      {preview.rows.length > 0 ? (
        <>
          <h2 id="rows">
            {preview.rows.length < preview.rowCount ? `The first ${preview.rows.length} rows` : "Every row"}
          </h2>
          <DataTable
            stack
            labelledBy="rows"
            columns={PREVIEW_COLUMNS}
            rows={preview.rows}
            rowKey={(r) => String(r.line)}
          />
        </>
      ) : null}
      {preview.importable ? (
        <form method="post" action="/admin/subscribers/import" enctype="multipart/form-data">
          <CsrfField token={props.csrfToken ?? ""} />
          <input type="hidden" name="csv" value={props.csv} />
          <input type="hidden" name="fileName" value={props.fileName} />
          {Object.entries(values).map(([name, value]) =>
            value === undefined || value === false || value === "" ? null : (
              <input key={name} type="hidden" name={name} value={value === true ? "yes" : String(value)} />
            ),
          )}
          <button type="submit">
            Import {preview.counts.new} new {preview.counts.new === 1 ? "person" : "people"}
          </button>
        </form>
      ) : (
        <p>
          <strong>Fix the rows marked invalid or repeated, then upload the file again.</strong>{" "}
          <a href="/admin/subscribers/import">Upload a corrected file</a>
        </p>
      )}
    </ConsoleLayout>
  );
}

export function ImportSummaryPage(props: Shell & { summary: ImportSummary; source: string }) {
  const s = props.summary;
  return (
    <ConsoleLayout {...props} title="Import finished" section="subscribers">
      <h1>Import finished</h1>
      <p class="notice" role="status">
        {s.created} new {s.created === 1 ? "person" : "people"} added from {s.rows}{" "}
        {s.rows === 1 ? "row" : "rows"} (source <code>import:{props.source}</code>).
      </p>
      <dl class="facts">
        <dt>Added as active (prior consent)</dt>
        <dd>{s.active}</dd>
        <dt>Added as pending (confirmation email on its way)</dt>
        <dd>{s.pending}</dd>
        <dt>Already on the list (unchanged)</dt>
        <dd>{s.existing}</dd>
        <dt>Suppressed (not added)</dt>
        <dd>{s.suppressed}</dd>
        <dt>Ignored columns</dt>
        <dd>{s.ignoredColumns.length > 0 ? s.ignoredColumns.join(", ") : "none"}</dd>
      </dl>
      <p>
        <a href={`/admin/subscribers`}>Back to subscribers</a> ·{" "}
        <a href="/admin/subscribers/import">Import another file</a>
      </p>
    </ConsoleLayout>
  );
}

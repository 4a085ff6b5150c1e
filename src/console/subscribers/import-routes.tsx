/** @jsxImportSource hono/jsx */
// CSV import in three steps, without JavaScript: upload → preview (nothing written) → confirm → summary. The
// confirm form carries the file back as a hidden field of a multipart form (no server-side copy to expire or
// clean up); the import validates it again as it runs, so what is imported is always what passes the rules.
//   GET  /admin/subscribers/import            the upload form
//   POST /admin/subscribers/import/preview    multipart { file, source, priorConsent, ... } → the preview
//   POST /admin/subscribers/import            multipart { csv, source, ... } → runs the import → the summary
import { type Context, Hono } from "hono";
import { nothingChanged } from "../../api/audit-trail.ts";
import { fieldErrors } from "../../api/errors.ts";
import type { AppDeps } from "../../deps.ts";
import { importOptionsSchema, importSubscribers } from "../../subscribers/import.ts";
import { previewImport } from "../../subscribers/import-preview.ts";
import type { ConsoleEnv } from "../env.ts";
import { shell } from "../layout.tsx";
import { auditSubscriberAction } from "./audit.ts";
import {
  type ImportFormValues,
  ImportPreviewPage,
  ImportSummaryPage,
  ImportUploadPage,
} from "./import-pages.tsx";

type C = Context<ConsoleEnv>;
type Body = Record<string, string | File | (string | File)[]>;

const OPTION_FIELDS = ["source", "consentedAt", "page", "wordingVersion", "privacyVersion"] as const;

/** The options as typed (for refilling the form) and as the import schema reads them. */
function optionsOf(body: Body) {
  const text = (name: string) => {
    const v = body[name];
    return typeof v === "string" ? v.trim() : "";
  };
  const values: ImportFormValues = { priorConsent: text("priorConsent") !== "" };
  const input: Record<string, string> = { priorConsent: values.priorConsent ? "true" : "false" };
  for (const name of OPTION_FIELDS) {
    const v = text(name);
    values[name] = v;
    if (v !== "") input[name] = v;
  }
  return { values, parsed: importOptionsSchema.safeParse(input) };
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function importRoutes(deps: AppDeps) {
  const upload = (
    c: C,
    status: 200 | 413 | 422,
    values?: ImportFormValues,
    errors?: Record<string, string[]>,
  ) =>
    c.html(
      <ImportUploadPage {...shell(c)} {...(values ? { values } : {})} {...(errors ? { errors } : {})} />,
      status,
    );

  return new Hono<ConsoleEnv>()
    .get("/import", (c) => upload(c, 200))
    .post("/import/preview", async (c) => {
      // A preview writes nothing, so the audit trail has nothing to record.
      nothingChanged(c);
      const body = (await c.req.parseBody()) as Body;
      const { values, parsed } = optionsOf(body);
      const file = body.file;
      const errors: Record<string, string[]> = parsed.success ? {} : fieldErrors(parsed.error);
      if (!(file instanceof File) || file.size === 0) errors.file = ["Choose a CSV file to import."];
      else if (file.size > MAX_FILE_BYTES)
        errors.file = ["The file is over 5 MB; split it into several files."];
      if (Object.keys(errors).length > 0 || !parsed.success || !(file instanceof File)) {
        return upload(c, 422, values, errors);
      }
      const csv = await file.text();
      const preview = await previewImport(deps, csv);
      c.header("Cache-Control", "no-store");
      return c.html(
        <ImportPreviewPage
          {...shell(c)}
          preview={preview}
          csv={csv}
          fileName={file.name || "upload.csv"}
          values={values}
        />,
        preview.importable ? 200 : 422,
      );
    })
    .post("/import", async (c) => {
      const body = (await c.req.parseBody()) as Body;
      const { values, parsed } = optionsOf(body);
      const csv = typeof body.csv === "string" ? body.csv : "";
      const fileName = typeof body.fileName === "string" ? body.fileName : "upload.csv";
      if (!parsed.success || csv === "") {
        const errors = parsed.success ? {} : fieldErrors(parsed.error);
        if (csv === "") errors.file = ["The file did not arrive with the confirmation; upload it again."];
        return upload(c, 422, values, errors);
      }
      c.header("Cache-Control", "no-store");
      const result = await importSubscribers(deps, csv, parsed.data);
      if (!result.ok) {
        // The file changed between preview and confirm, or a signup for one of its addresses landed meanwhile.
        const preview = await previewImport(deps, csv);
        return c.html(
          <ImportPreviewPage
            {...shell(c)}
            preview={preview}
            csv={csv}
            fileName={fileName}
            values={values}
            refused={result.message}
          />,
          result.code === "conflict" ? 409 : 422,
        );
      }
      const { ok: _ok, ...summary } = result;
      await auditSubscriberAction(deps, c, "subscribers.imported", null, {
        source: parsed.data.source,
        priorConsent: parsed.data.priorConsent,
        created: summary.created,
        existing: summary.existing,
        suppressed: summary.suppressed,
      });
      return c.html(<ImportSummaryPage {...shell(c)} summary={summary} source={parsed.data.source} />);
    });
}

// What a CSV import would do, without writing anything: the console shows it before the marketer confirms. The
// same parser and row rules as the import itself (import.ts), so the preview cannot promise what the import then
// refuses. Every row is classified (the counts cover the whole file); the first rows are returned one by one with
// their field messages.
import { inArray } from "drizzle-orm";
import { subscribers, suppressions } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { hashEmail } from "../lib/email-address.ts";
import { ignoredImportColumns, MAX_IMPORT_ROWS, parseImportRow, readImportTable } from "./import.ts";

export const PREVIEW_ROWS = 20;
/** D1 allows 100 bound parameters per statement. */
const IN_CHUNK = 90;

export type PreviewOutcome = "new" | "existing" | "suppressed" | "invalid" | "duplicate";

export type PreviewRow = {
  line: number;
  /** The cells as written (the address normalised when it is valid). */
  email: string;
  firstName: string;
  locale: string;
  country: string;
  tags: string;
  outcome: PreviewOutcome;
  /** Field messages for an invalid row, keyed by column; "duplicates line N" for a repeat. */
  messages: Record<string, string[]>;
};

export type ImportPreview = {
  /** False when the import would refuse the file: nothing is imported until every problem is fixed. */
  importable: boolean;
  /** Problems with the file as a whole (empty file, no email column, broken quoting, too many rows). */
  fileProblems: string[];
  rowCount: number;
  counts: Record<PreviewOutcome, number>;
  ignoredColumns: string[];
  rows: PreviewRow[];
};

type Deps = Pick<AppDeps, "db">;

export async function previewImport(deps: Deps, csv: string, limit = PREVIEW_ROWS): Promise<ImportPreview> {
  const counts: Record<PreviewOutcome, number> = {
    new: 0,
    existing: 0,
    suppressed: 0,
    invalid: 0,
    duplicate: 0,
  };
  const table = readImportTable(csv);
  if (!table.ok) {
    const fileProblems = Object.entries(table.fields).flatMap(([where, messages]) =>
      messages.map((m) => (where === "file" ? m : `${where}: ${m}`)),
    );
    return { importable: false, fileProblems, rowCount: 0, counts, ignoredColumns: [], rows: [] };
  }
  const { names, body } = table;
  const fileProblems =
    body.length > MAX_IMPORT_ROWS ? [`At most ${MAX_IMPORT_ROWS} rows per import; split the file.`] : [];
  const cell = (cells: readonly string[], column: string) => {
    const i = names.indexOf(column);
    return i < 0 ? "" : (cells[i] ?? "").trim();
  };

  const seen = new Map<string, number>();
  const classified: (PreviewRow & { hash?: string })[] = [];
  for (const { line, cells } of body.slice(0, MAX_IMPORT_ROWS)) {
    const parsed = parseImportRow(names, cells);
    const raw = {
      line,
      email: cell(cells, "email"),
      firstName: cell(cells, "first_name") || cell(cells, "firstname"),
      locale: cell(cells, "locale"),
      country: cell(cells, "country"),
      tags: cell(cells, "tags"),
    };
    if (!parsed.ok) {
      classified.push({ ...raw, outcome: "invalid", messages: parsed.fields });
      continue;
    }
    const key = parsed.row.email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      classified.push({
        ...raw,
        email: parsed.row.email,
        outcome: "duplicate",
        messages: { email: [`duplicates line ${first}`] },
      });
      continue;
    }
    seen.set(key, line);
    classified.push({
      ...raw,
      email: parsed.row.email,
      outcome: "new",
      messages: {},
      hash: await hashEmail(parsed.row.email),
    });
  }

  const hashes = classified.flatMap((r) => (r.hash ? [r.hash] : []));
  const existing = new Set<string>();
  const suppressed = new Set<string>();
  for (let i = 0; i < hashes.length; i += IN_CHUNK) {
    const part = hashes.slice(i, i + IN_CHUNK);
    const [people, blocked] = await Promise.all([
      deps.db
        .select({ h: subscribers.emailHash })
        .from(subscribers)
        .where(inArray(subscribers.emailHash, part)),
      deps.db
        .select({ h: suppressions.emailHash })
        .from(suppressions)
        .where(inArray(suppressions.emailHash, part)),
    ]);
    for (const r of people) existing.add(r.h);
    for (const r of blocked) suppressed.add(r.h);
  }
  // The same precedence as the import: a suppressed address is never added, whether or not a profile exists.
  const rows: PreviewRow[] = classified.map(({ hash, ...row }) => {
    if (hash && suppressed.has(hash)) return { ...row, outcome: "suppressed" };
    if (hash && existing.has(hash)) return { ...row, outcome: "existing" };
    return row;
  });
  for (const row of rows) counts[row.outcome]++;

  return {
    importable: fileProblems.length === 0 && counts.invalid === 0 && counts.duplicate === 0,
    fileProblems,
    rowCount: body.length,
    counts,
    ignoredColumns: ignoredImportColumns(names),
    rows: rows.slice(0, limit),
  };
}

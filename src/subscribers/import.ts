// CSV import of subscribers (POST /api/admin/subscribers/import), with the consent source recorded.
//
// Import rules (safety rule 13): an address is "pending" and gets the double opt-in confirmation unless the
// import states prior consent, in which case it is "active" and a consent row records where, when and under which
// wording that consent was given. Existing subscribers are never changed by an import (an import must not
// re-subscribe someone who left), and suppressed addresses (bounced, complained, erased...) are never re-added.
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { type AtomicStatement, atomic, isUniqueViolation } from "../db/client.ts";
import { consents, pendingEvents, subscribers, suppressions } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { CsvError, parseCsv, uncsvCell } from "../lib/csv.ts";
import { hashEmail } from "../lib/email-address.ts";
import { randomId } from "../lib/ids.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { consentRecord } from "./consent.ts";
import { createdEvent } from "./events.ts";
import { COUNTRY, emailField, LOCALE, NAME, stripQuery } from "./input.ts";
import { TAG } from "./tags.ts";

type Deps = Pick<AppDeps, "db" | "inngest" | "logger" | "now">;

/** Cap per request (the import route allows 5 MB bodies). Larger lists go in several files. */
export const MAX_IMPORT_ROWS = 5000;
/** D1 allows 100 bound parameters per statement. */
const IN_CHUNK = 90;

const bool = z.stringbool({ truthy: ["1", "true", "yes", "on"], falsy: ["0", "false", "no", "off", ""] });

export const importOptionsSchema = z
  .object({
    /** Where the addresses came from, e.g. "webinar-2026"; recorded as source "import:<source>". */
    source: z
      .string({ error: "Say where these addresses came from (e.g. source=webinar-2026)." })
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9_-]{0,39}$/,
        "Source: up to 40 lower-case letters, digits, dashes or underscores.",
      ),
    /** True only if every person in the file already agreed to receive this newsletter. */
    priorConsent: bool.default(false),
    /** When that consent was given (defaults to the time of the import). */
    consentedAt: z.iso
      .datetime({ offset: true, error: "Use an ISO 8601 date and time with a zone." })
      .optional(),
    /** The page or form where consent was collected. */
    page: z
      .url({ protocol: /^https?$/, error: "Page must be an http(s) URL." })
      .max(2000)
      .transform(stripQuery)
      .optional(),
    /** The consent wording the people agreed to, e.g. "2025-webinar-form-v2". */
    wordingVersion: z.string().trim().min(1).max(100).optional(),
    privacyVersion: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.priorConsent) {
      for (const key of ["consentedAt", "wordingVersion", "privacyVersion"] as const) {
        if (v[key] !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: "Only meaningful with priorConsent=true." });
        }
      }
    }
  });
export type ImportOptions = z.output<typeof importOptionsSchema>;

const rowSchema = z.object({
  email: emailField({
    required: "is empty",
    tooLong: "is too long",
    localTooLong: "has more than 64 characters before the @",
    invalid: "is not a valid email address",
  }),
  firstName: z
    .string()
    .trim()
    .max(50, "must be at most 50 characters")
    .regex(NAME, "use letters, spaces, apostrophes, dots or hyphens only")
    .transform((v) => v.normalize("NFC"))
    .optional(),
  locale: z
    .string()
    .trim()
    .regex(LOCALE, 'use a language tag like "en" or "en-GB"')
    .transform((v) => v.replace(/_/g, "-"))
    .optional(),
  country: z
    .string()
    .trim()
    .regex(COUNTRY, 'use a two-letter country code like "US"')
    .transform((v) => v.toUpperCase())
    .optional(),
  tags: z
    .array(z.string().regex(TAG, "tags are lower-case letters, digits, dashes, underscores or colons"))
    .max(20),
});
export type ImportRow = z.output<typeof rowSchema>;

const COLUMNS: Record<string, keyof ImportRow> = {
  email: "email",
  first_name: "firstName",
  firstname: "firstName",
  locale: "locale",
  country: "country",
  tags: "tags",
};

export type ImportFailure = { ok: false; fields: Record<string, string[]> };
export type ImportSummary = {
  rows: number;
  created: number;
  active: number;
  pending: number;
  existing: number;
  suppressed: number;
  ignoredColumns: string[];
};

/** Rows per transaction; small enough that a chunk takes a few milliseconds. */
export const IMPORT_CHUNK_ROWS = 200;

/** A macrotask turn (not a microtask): lets queued requests run between chunks, on Node and Workers alike. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Removes what earlier chunks wrote (consents go with their subscriber); their events were not dispatched. */
async function undoImport(deps: Deps, ids: string[], events: PendingEvent[]) {
  for (const part of chunks(ids, IN_CHUNK))
    await deps.db.delete(subscribers).where(inArray(subscribers.id, part));
  const eventIds = events.map((e) => e.id);
  for (const part of chunks(eventIds, IN_CHUNK))
    await deps.db.delete(pendingEvents).where(inArray(pendingEvents.id, part));
}

/** The file's rows and its column names (normalised), or what is wrong with the file as a whole. */
export function readImportTable(
  csv: string,
): { ok: true; names: string[]; body: { line: number; cells: string[] }[] } | ImportFailure {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, fields: { [`line ${error.line}`]: [error.message] } };
    throw error;
  }
  const [header, ...body] = table;
  if (!header)
    return {
      ok: false,
      fields: {
        file: [
          "The file is empty; the first line names the columns (email, first_name, locale, country, tags).",
        ],
      },
    };
  const names = header.cells.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  if (!names.includes("email"))
    return { ok: false, fields: { file: ['The first line must name the columns and include "email".'] } };
  return { ok: true, names, body };
}

/** One data row checked against the row rules; problems are keyed by column (email, firstName, tags, ...). */
export function parseImportRow(
  names: readonly string[],
  cells: readonly string[],
): { ok: true; row: ImportRow } | ImportFailure {
  const raw: Record<string, unknown> = { tags: [] };
  names.forEach((name, i) => {
    const key = COLUMNS[name];
    const value = uncsvCell(cells[i] ?? "").trim();
    if (!key || value === "") return;
    raw[key] =
      key === "tags"
        ? value
            .split(/[;|]/)
            .map((t) => t.trim())
            .filter(Boolean)
        : value;
  });
  const parsed = rowSchema.safeParse(raw);
  if (parsed.success) return { ok: true, row: parsed.data };
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) addProblem(fields, String(issue.path[0] ?? "row"), issue.message);
  return { ok: false, fields };
}

/** Column names the import ignores (anything but email, first_name, locale, country, tags). */
export function ignoredImportColumns(names: readonly string[]): string[] {
  return names.filter((n) => !(n in COLUMNS));
}

/**
 * Parses and validates the whole file first: one bad row means nothing is imported. Validation yields to the
 * event loop every IMPORT_CHUNK_ROWS rows, like the writes, so other requests run in between.
 */
export async function parseImport(
  csv: string,
): Promise<{ ok: true; rows: ImportRow[]; ignoredColumns: string[] } | ImportFailure> {
  const read = readImportTable(csv);
  if (!read.ok) return read;
  const { names, body } = read;
  if (body.length > MAX_IMPORT_ROWS) {
    return { ok: false, fields: { file: [`At most ${MAX_IMPORT_ROWS} rows per import; split the file.`] } };
  }
  const ignoredColumns = ignoredImportColumns(names);

  const fields: Record<string, string[]> = {};
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const [index, { line, cells }] of body.entries()) {
    if (index % IMPORT_CHUNK_ROWS === 0) await yieldToEventLoop();
    if (Object.keys(fields).length >= 50) break;
    const parsed = parseImportRow(names, cells);
    if (!parsed.ok) {
      for (const [column, messages] of Object.entries(parsed.fields))
        for (const message of messages) addProblem(fields, `line ${line}.${column}`, message);
      continue;
    }
    const key = parsed.row.email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      addProblem(fields, `line ${line}.email`, `duplicates line ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push(parsed.row);
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, rows, ignoredColumns };
}

function addProblem(fields: Record<string, string[]>, key: string, message: string) {
  fields[key] = [...(fields[key] ?? []), message];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function importSubscribers(
  deps: Deps,
  csv: string,
  options: ImportOptions,
): Promise<Result<ImportSummary, Failure<"validation_failed" | "conflict">>> {
  const parsed = await parseImport(csv);
  if (!parsed.ok)
    return fail("validation_failed", "The file has problems; nothing was imported.", parsed.fields);
  const rows = parsed.rows;

  const now = deps.now();
  const status = options.priorConsent ? "active" : "pending";
  const source = `import:${options.source}`;
  const existing = new Set<string>();
  const suppressed = new Set<string>();
  const events: PendingEvent[] = [];
  const createdIds: string[] = [];
  // One transaction per chunk, and a turn of the event loop between chunks: a single 5,000-row transaction
  // held the (single-threaded) server for seconds, and every signup, one-click unsubscribe and webhook waited.
  let rowsExisting = 0;
  let rowsSuppressed = 0;
  for (const rowsOfChunk of chunks(rows, IMPORT_CHUNK_ROWS)) {
    await yieldToEventLoop();
    const chunk = await Promise.all(
      rowsOfChunk.map(async (row) => ({ ...row, emailHash: await hashEmail(row.email) })),
    );
    const hashes = chunk.map((r) => r.emailHash);
    for (const part of chunks(hashes, IN_CHUNK)) {
      for (const r of await deps.db
        .select({ h: subscribers.emailHash })
        .from(subscribers)
        .where(inArray(subscribers.emailHash, part))) {
        existing.add(r.h);
      }
      for (const r of await deps.db
        .select({ h: suppressions.emailHash })
        .from(suppressions)
        .where(inArray(suppressions.emailHash, part))) {
        suppressed.add(r.h);
      }
    }
    const statements: AtomicStatement[] = [];
    const chunkIds: string[] = [];
    const chunkEvents: PendingEvent[] = [];
    for (const row of chunk) {
      if (suppressed.has(row.emailHash) || existing.has(row.emailHash)) continue;
      const id = randomId("sub");
      chunkIds.push(id);
      statements.push(
        deps.db.insert(subscribers).values({
          id,
          email: row.email,
          emailHash: row.emailHash,
          firstName: row.firstName ?? null,
          status,
          locale: row.locale ?? "en",
          country: row.country ?? null,
          source,
          tags: [...new Set(row.tags)],
          // Pending people get the confirmation from the journey (subscriber.created); this is its throttle clock.
          confirmationSentAt: options.priorConsent ? null : now,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (options.priorConsent) {
        statements.push(
          deps.db.insert(consents).values(
            consentRecord({
              subscriberId: id,
              action: "given",
              at: options.consentedAt ? new Date(options.consentedAt) : now,
              form: source,
              page: options.page ?? null,
              wordingVersion: options.wordingVersion ?? null,
              privacyVersion: options.privacyVersion ?? null,
            }),
          ),
        );
      } else {
        const event = createdEvent(id);
        chunkEvents.push(event);
        statements.push(queueEventStatement(deps.db, event));
      }
    }
    try {
      await atomic(deps.db, statements);
    } catch (error) {
      // A signup for one of these addresses landed meanwhile (unique index): this chunk wrote nothing, and the
      // chunks before it are taken back, so the import stays all-or-nothing; the marketer tries again.
      if (isUniqueViolation(error)) {
        await undoImport(deps, createdIds, events);
        return fail(
          "conflict",
          "Some of these addresses signed up during the import; nothing was imported. Try again.",
        );
      }
      throw error;
    }
    createdIds.push(...chunkIds);
    events.push(...chunkEvents);
    rowsExisting += chunk.filter((r) => existing.has(r.emailHash) && !suppressed.has(r.emailHash)).length;
    rowsSuppressed += chunk.filter((r) => suppressed.has(r.emailHash)).length;
  }
  const created = createdIds.length;
  if (events.length > 0) await dispatchEvents(deps, events);
  deps.logger.info("subscribers imported", { source, created, status });
  return {
    ok: true,
    rows: rows.length,
    created,
    active: options.priorConsent ? created : 0,
    pending: options.priorConsent ? 0 : created,
    existing: rowsExisting,
    suppressed: rowsSuppressed,
    ignoredColumns: parsed.ignoredColumns,
  };
}

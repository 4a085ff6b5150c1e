// The database handle every route and function receives. Both drivers (better-sqlite3 on Node, D1 on Workers)
// produce a BaseSQLiteDatabase; code always awaits queries, which works for the sync and the async flavour alike.

import { getTableColumns, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs between drivers and is never read.
export type Db = BaseSQLiteDatabase<"sync" | "async", any, Schema>;

/** A statement that can go into {@link atomic}: any drizzle insert/update/delete builder. */
export type AtomicStatement = BatchItem<"sqlite">;

/**
 * An insert for {@link atomic} that runs as a reusable prepared statement where the driver allows it
 * (better-sqlite3), and as a plain builder in D1's batch, which takes nothing else. Made by {@link insertRow}.
 */
export type PreparedInsert = { run: () => unknown; builder: () => AtomicStatement };

type Runnable = { run: (values?: Record<string, unknown>) => unknown };

/**
 * The insert of one row into `table`, prepared once per database and set of columns (each value becomes a
 * placeholder; columns left out keep their SQL defaults, evaluated by SQLite on every run). A column whose
 * default is computed in JavaScript would be frozen at prepare time, so such a table must get a value for it.
 */
export function insertRow<T extends SQLiteTable>(
  table: T,
  options: { onConflictDoNothing?: boolean } = {},
): (db: Db, values: T["$inferInsert"]) => PreparedInsert {
  const build = (db: Db, values: Record<string, unknown>) => {
    const insert = db.insert(table).values(values as T["$inferInsert"]);
    return options.onConflictDoNothing ? insert.onConflictDoNothing() : insert;
  };
  const perDb = new WeakMap<Db, Map<string, Runnable>>();
  const prepared = (db: Db, keys: string[]): Runnable => {
    let byKeys = perDb.get(db);
    if (!byKeys) {
      byKeys = new Map();
      perDb.set(db, byKeys);
    }
    const id = keys.join(",");
    let statement = byKeys.get(id);
    if (!statement) {
      for (const [name, column] of Object.entries(getTableColumns(table))) {
        if (!keys.includes(name) && (column.defaultFn || column.onUpdateFn))
          throw new Error(`insertRow: ${name} has a JavaScript default; pass a value for it`);
      }
      statement = build(
        db,
        Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])),
      ).prepare() as Runnable;
      byKeys.set(id, statement);
    }
    return statement;
  };
  return (db, values) => {
    const row = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    return {
      run: () => prepared(db, Object.keys(row).sort()).run(row),
      builder: () => build(db, row) as unknown as AtomicStatement,
    };
  };
}

function isPreparedInsert(statement: AtomicStatement | PreparedInsert): statement is PreparedInsert {
  return typeof (statement as PreparedInsert).builder === "function";
}

/**
 * Runs statements all-or-nothing. D1 has no interactive transactions but has batch(), which is atomic;
 * better-sqlite3 has synchronous transactions. Either way nothing is half-written.
 */
export async function atomic(db: Db, statements: (AtomicStatement | PreparedInsert)[]): Promise<void> {
  if (statements.length === 0) return;
  const maybeBatch = db as unknown as { batch?: (s: AtomicStatement[]) => Promise<unknown> };
  if (typeof maybeBatch.batch === "function") {
    await maybeBatch.batch(statements.map((s) => (isPreparedInsert(s) ? s.builder() : s)));
    return;
  }
  db.transaction(() => {
    for (const statement of statements) (statement as unknown as { run: () => unknown }).run();
  });
}

/**
 * True when a write failed on a unique index or primary key. The driver's error arrives wrapped (drizzle's query
 * error around better-sqlite3's, or D1's "D1_ERROR: ..."), so the whole cause chain is searched.
 */
export function isUniqueViolation(error: unknown): boolean {
  return someDriverError(
    error,
    (code, message) =>
      code === "SQLITE_CONSTRAINT_UNIQUE" ||
      code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
      /UNIQUE constraint failed/i.test(message),
  );
}

/**
 * True when `test` holds for an error or any error in its cause chain, given its code (better-sqlite3) and its
 * message (D1 has only messages). Bounded, so a cause chain that loops back on itself cannot hang the request.
 */
export function someDriverError(
  error: unknown,
  test: (code: string | undefined, message: string) => boolean,
): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 8; depth++, e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
    if (test(typeof code === "string" ? code : undefined, message)) return true;
  }
  return false;
}

/**
 * A drizzle prepared query built once per database handle on first use, for the queries every signup makes:
 * the SQL is built and compiled once, each call only binds values (`sql.placeholder`). On Node the handle lives
 * as long as the process; on Workers, as long as the isolate keeps the handle.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let prepared = cache.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      cache.set(db, prepared);
    }
    return prepared;
  };
}

/** Cheap liveness probe used by /healthz. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await db.get(sql`select 1 as ok`);
    return true;
  } catch {
    return false;
  }
}

export { schema };

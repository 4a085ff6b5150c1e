// The database handle every route and function receives. Both drivers (better-sqlite3 on Node, D1 on Workers)
// produce a BaseSQLiteDatabase; code always awaits queries, which works for the sync and the async flavour alike.

import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs between drivers and is never read.
export type Db = BaseSQLiteDatabase<"sync" | "async", any, Schema>;

/** A statement that can go into {@link atomic}: any drizzle insert/update/delete builder. */
export type AtomicStatement = BatchItem<"sqlite">;

/**
 * Runs statements all-or-nothing. D1 has no interactive transactions but has batch(), which is atomic;
 * better-sqlite3 has synchronous transactions. Either way nothing is half-written.
 */
export async function atomic(db: Db, statements: AtomicStatement[]): Promise<void> {
  if (statements.length === 0) return;
  const maybeBatch = db as unknown as { batch?: (s: AtomicStatement[]) => Promise<unknown> };
  if (typeof maybeBatch.batch === "function") {
    await maybeBatch.batch(statements);
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
  // Bounded, so an error whose cause chain loops back on itself cannot hang the request.
  let e: unknown = error;
  for (let depth = 0; e && depth < 8; depth++, e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
    const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
    if (/UNIQUE constraint failed/i.test(message)) return true;
  }
  return false;
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

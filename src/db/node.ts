// Node-only: opens an SQLite file (or :memory:) with better-sqlite3 and applies the migrations folder.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { type Db, schema } from "./client.ts";

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");

export type NodeDb = { db: Db; sqlite: Database.Database; close: () => void };

/**
 * How hard SQLite pushes each commit to the disk (config SQLITE_SYNCHRONOUS; see the README, section "SQLite
 * durability"). In WAL mode, "normal" writes each commit to the WAL file without an fsync: a crash or kill of
 * the process loses nothing, an OS crash or power cut can lose the last commits. "full" fsyncs every commit,
 * which on this project's disks takes about 1 ms and blocks the event loop (better-sqlite3 is synchronous).
 */
export type Synchronous = "normal" | "full";

/** Distinct SQL texts kept compiled; the app has a few dozen, `IN (...)` lists of varying length add more. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles a fresh better-sqlite3 statement for every query it runs (SQLite's prepare is most of a
 * query's cost). Statements are reusable, so keep the most recent ones by SQL text. Safe because better-sqlite3
 * is synchronous: a statement is never handed out while another caller is in the middle of running it (nothing
 * here iterates lazily), and drizzle sets raw mode itself right before each read, so it is reset on hand-out.
 */
function cacheStatements(sqlite: Database.Database) {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = compile(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * How long a query waits for a lock another connection holds (a migration, a backup, the CLI) before SQLite
 * gives up with SQLITE_BUSY; the app then answers 503 with Retry-After (src/api/busy.ts). Stated in README.md.
 */
export const BUSY_TIMEOUT_MS = 5000;

export function openNodeDb(
  path = ":memory:",
  options: { synchronous?: Synchronous; busyTimeoutMs?: number } = {},
): NodeDb {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS)}`);
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Db, sqlite, close: () => sqlite.close() };
}

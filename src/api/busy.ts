// A database locked by other work (a migration, a backup, the CLI's writes) past the busy timeout is not a bug
// and not the visitor's fault: answer 503 with Retry-After, a readable page for form posts, and nothing saved
// (every write is one atomic batch, so a refused one left nothing half-written).
import type { Context } from "hono";
import { someDriverError } from "../db/client.ts";
import type { AppDeps } from "../deps.ts";
import { retryLater } from "./errors.ts";
import { busyPage } from "./pages/journey-pages.ts";

export const BUSY_RETRY_AFTER_SECONDS = 5;

/** SQLITE_BUSY / SQLITE_LOCKED from better-sqlite3 (error code) or D1 (message), anywhere in the cause chain. */
export function isDatabaseBusy(error: unknown): boolean {
  return someDriverError(
    error,
    (code, message) =>
      (code !== undefined && /^SQLITE_(BUSY|LOCKED)/.test(code)) ||
      /database is locked|SQLITE_BUSY|database table is locked/i.test(message),
  );
}

export function busyResponse(c: Context, deps: Pick<AppDeps, "config">) {
  return retryLater(c, deps.config, {
    status: 503,
    retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    page: busyPage,
    code: "temporarily_unavailable",
    message: "The service is busy; nothing was saved. Please retry shortly.",
  });
}

// Events are written to pending_events in the same atomic batch as the state change that causes them, then
// sent to Inngest. If the event bus is down the visitor still gets a success answer and nothing is lost: the
// reconciler re-sends unsent rows later, with the same ids, and Inngest drops duplicates by id.
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import {
  type AtomicStatement,
  type Db,
  insertRow,
  type PreparedInsert,
  preparedPerDb,
} from "../db/client.ts";
import { pendingEvents } from "../db/schema.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import type { InngestClient } from "../inngest/client.ts";
import type { Logger } from "./log.ts";

/**
 * What an outbox row holds. Events are queued typed (a {@link PendingEvent} from buildEvent); rows read back by
 * the reconciler are re-sent as stored, their data already checked when they were built.
 */
type StoredEvent = { id: string; name: string; data: Record<string, unknown>; ts?: number };

const insertPendingEvent = insertRow(pendingEvents, { onConflictDoNothing: true });

/**
 * The outbox insert for {@link atomic}, as a reusable prepared statement on Node (the signup path writes one per
 * request); a repeated id is ignored, so the same logical event is never queued twice.
 */
export function queueEvent(db: Db, event: PendingEvent): PreparedInsert {
  return insertPendingEvent(db, { id: event.id, name: event.name, data: event.data, ts: event.ts ?? null });
}

/** {@link queueEvent} as a plain drizzle builder, for callers that collect builders. */
export function queueEventStatement(db: Db, event: PendingEvent): AtomicStatement {
  return queueEvent(db, event).builder();
}

/** Marks one dispatched event sent: what every signup does after its send, so it is prepared once. */
const markOneSent = preparedPerDb((db) =>
  db
    .update(pendingEvents)
    // Placeholders in SET are not typed by drizzle and skip the column's mapping: the value is epoch ms.
    .set({ sentAt: sql`${sql.placeholder("sentAtMs")}`, lastError: null })
    .where(eq(pendingEvents.id, sql.placeholder("id")))
    .prepare(),
);

export type DispatchDeps = { db: Db; inngest: InngestClient; logger: Logger; now?: () => Date };

/**
 * How long a request waits for the event bus. The SDK's own retries give up after about 1.7 s when the bus
 * refuses connections, but a bus that accepts and then hangs would hold the visitor's request open for as long
 * as fetch waits. Past this, the events are left for the reconciler; if the slow send lands after all, the
 * reconciler's copy carries the same ids and Inngest drops it.
 */
export const DISPATCH_TIMEOUT_MS = 3_000;

class DispatchTimeout extends Error {
  constructor(ms: number) {
    super(`no answer from the event bus within ${ms} ms`);
  }
}

/**
 * Tries to send the given events now. Never throws: a failure is recorded on the rows and left to the
 * reconciler. Returns true when Inngest accepted them.
 */
export async function dispatchEvents(
  deps: DispatchDeps,
  events: StoredEvent[],
  options: { timeoutMs?: number } = {},
): Promise<boolean> {
  if (events.length === 0) return true;
  const ids = events.map((e) => e.id);
  const timeoutMs = options.timeoutMs ?? DISPATCH_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const send = deps.inngest.send(
      events.map((e) => ({ id: e.id, name: e.name, data: e.data, ...(e.ts ? { ts: e.ts } : {}) })),
    );
    // A send that loses the race may still reject later; nobody is listening then.
    send.catch(() => {});
    await Promise.race([
      send,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new DispatchTimeout(timeoutMs)), timeoutMs);
      }),
    ]);
    const sentAt = deps.now?.() ?? new Date();
    const [only] = ids;
    if (ids.length === 1 && only !== undefined)
      await markOneSent(deps.db).run({ id: only, sentAtMs: sentAt.getTime() });
    else
      await deps.db
        .update(pendingEvents)
        .set({ sentAt, lastError: null })
        .where(inArray(pendingEvents.id, ids));
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn("event bus unavailable; events left for the reconciler", {
      count: ids.length,
      error: message,
    });
    try {
      await deps.db
        .update(pendingEvents)
        .set({ attempts: sql`${pendingEvents.attempts} + 1`, lastError: message.slice(0, 500) })
        .where(inArray(pendingEvents.id, ids));
    } catch {
      // The rows stay unsent either way; the reconciler will pick them up.
    }
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Queues (idempotently) and immediately tries to dispatch, for callers with no other state change. */
export async function queueAndDispatch(deps: DispatchDeps, events: PendingEvent[]): Promise<boolean> {
  for (const event of events) await queueEventStatement(deps.db, event);
  return dispatchEvents(deps, events);
}

/** D1 binds at most 100 parameters per statement; marking a page sent uses `IN (ids)`. */
const RECONCILE_PAGE = 50;

/**
 * Re-sends events that are still unsent after `minAgeMs` (so a request that is dispatching right now is not
 * raced), a page at a time, up to `limit`. Stops at the first failed page: the bus is still down. Returns how
 * many were sent and how many remain.
 */
export async function reconcilePendingEvents(
  deps: DispatchDeps,
  options: { minAgeMs?: number; limit?: number } = {},
): Promise<{ sent: number; remaining: number }> {
  const now = deps.now?.() ?? new Date();
  const cutoff = new Date(now.getTime() - (options.minAgeMs ?? 30_000));
  const limit = options.limit ?? 500;
  let sent = 0;
  while (sent < limit) {
    const rows = await deps.db
      .select()
      .from(pendingEvents)
      .where(and(isNull(pendingEvents.sentAt), lt(pendingEvents.createdAt, cutoff)))
      .orderBy(asc(pendingEvents.createdAt), asc(pendingEvents.id))
      .limit(Math.min(RECONCILE_PAGE, limit - sent));
    if (rows.length === 0) break;
    const ok = await dispatchEvents(
      deps,
      rows.map((r) => ({ id: r.id, name: r.name, data: r.data, ...(r.ts ? { ts: r.ts } : {}) })),
    );
    if (!ok) break;
    sent += rows.length;
  }
  const [left] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(pendingEvents)
    .where(isNull(pendingEvents.sentAt));
  return { sent, remaining: Number(left?.n ?? 0) };
}

/** How many events the event bus has not taken yet (the development pages show it). */
export async function unsentEventCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(pendingEvents)
    .where(isNull(pendingEvents.sentAt));
  return Number(row?.n ?? 0);
}

/** For tests and diagnostics. */
export async function unsentEvents(db: Db) {
  return db
    .select()
    .from(pendingEvents)
    .where(isNull(pendingEvents.sentAt))
    .orderBy(asc(pendingEvents.createdAt));
}

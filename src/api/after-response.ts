// Work a public route does after it has answered. A signup answers as soon as its atomic write is done and
// sends its events afterwards, so a new address (which has an event to send) and a known one (which usually has
// none) answer in the same time: the response must not reveal who is on the list. The events are already in
// pending_events, so if this never runs (a crash, an evicted isolate) the reconciler sends them.
import type { Context } from "hono";
import type { AppDeps } from "../deps.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { dispatchEvents } from "../lib/pending-events.ts";

type Deps = Pick<AppDeps, "db" | "inngest" | "logger" | "now" | "eventBatcher">;

/**
 * Node: the events go to the batcher, whose timer fires after the response is written. Workers:
 * `executionCtx.waitUntil` keeps the isolate alive for the request's own send; the timer lets the response go
 * first. (Without either, e.g. app.request without a context, the promise simply runs on.)
 */
export function dispatchAfterResponse(c: Context, deps: Deps, events: PendingEvent[]): void {
  if (events.length === 0) return;
  if (deps.eventBatcher) {
    // Never rejects; a failed batch is recorded on its rows and left for the reconciler.
    void deps.eventBatcher.send(events);
    return;
  }
  runAfterResponse(c, deps, "dispatch", () => dispatchEvents(deps, events));
}

/**
 * Any work a route leaves for after its answer (the console's sign-in email: an address with an account and one
 * without must answer in the same time). A failure is logged under `what`, never thrown at the client.
 */
export function runAfterResponse(
  c: Context,
  deps: Pick<AppDeps, "logger">,
  what: string,
  work: () => Promise<unknown>,
): void {
  const run = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(work)
    .catch((error) => deps.logger.error(`${what} after response failed`, { error }))
    .then(() => undefined);
  let ctx: { waitUntil: (p: Promise<unknown>) => void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    // Hono throws when there is no execution context (Node, app.request without one).
    ctx = undefined;
  }
  ctx?.waitUntil(run);
}

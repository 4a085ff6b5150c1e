// Work a public route does after it has answered. A signup answers as soon as its atomic write is done and
// sends its events afterwards, so a new address (which has an event to send) and a known one (which usually has
// none) answer in the same time: the response must not reveal who is on the list. The events are already in
// pending_events, so if this never runs (a crash, an evicted isolate) the reconciler sends them.
import type { Context } from "hono";
import type { AppDeps } from "../deps.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { dispatchEvents } from "../lib/pending-events.ts";

type Deps = Pick<AppDeps, "db" | "inngest" | "logger" | "now">;

/**
 * Workers: `executionCtx.waitUntil` keeps the isolate alive for it. Node (@hono/node-server has no execution
 * context): the promise simply runs on; the timer lets the response be written before the send starts.
 */
export function dispatchAfterResponse(c: Context, deps: Deps, events: PendingEvent[]): void {
  if (events.length === 0) return;
  const run = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(() => dispatchEvents(deps, events))
    .catch((error) => deps.logger.error("dispatch after response failed", { error }))
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

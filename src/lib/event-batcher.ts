// Sends the events of many signups in one call to the event bus (inngest.send takes a list) and marks them sent
// in one statement, instead of one HTTP request and one commit per signup: on a busy Node server those were a
// third of a signup's CPU (bench:signup). Node only: a Worker must not finish one request's I/O from another
// request's context, so there every request sends its own events (src/api/after-response.ts).
//
// What stays as it was: the events are already in pending_events, written atomically with the signup; a batch
// that fails or times out is recorded on its rows by dispatchEvents and left for the reconciler, which re-sends
// with the same ids; and no caller waits longer than the dispatch timeout, counted from when it handed its
// events over, however long they waited for a batch.
import type { PendingEvent } from "../inngest/build-event.ts";
import { DISPATCH_TIMEOUT_MS, type DispatchDeps, dispatchEvents } from "./pending-events.ts";

/** What a caller hands over: built events (see buildEvent), already queued in pending_events. */
type Outgoing = Pick<PendingEvent, "id" | "name" | "data" | "ts">;

export type EventBatcherOptions = {
  /**
   * Events per call. D1 binds at most 100 parameters per statement and the sent mark binds one per id (plus two),
   * so 50, like the reconciler's page; far below Inngest's limits on a send.
   */
  maxEvents?: number;
  /** How long the first event of a batch waits for company. Events are sent after the answer, so this adds no latency. */
  delayMs?: number;
  /** Calls in flight at once; further events wait (and batch up) until one returns. */
  maxInFlight?: number;
  /** The longest any caller waits, from its hand-over to the answer it gets. */
  timeoutMs?: number;
};

export type EventBatcher = {
  /**
   * Sends `events` with the next batch. Resolves true once the bus accepted them and their rows are marked sent,
   * false when they are left for the reconciler (the bus failed, or did not answer within the timeout). Never
   * rejects.
   */
  send(events: Outgoing[]): Promise<boolean>;
  /** Sends everything waiting now and resolves when no batch is in flight (shutdown). */
  drain(): Promise<void>;
};

type Waiting = { events: Outgoing[]; deadline: number; resolve: (sent: boolean) => void };

export function createEventBatcher(deps: DispatchDeps, options: EventBatcherOptions = {}): EventBatcher {
  const maxEvents = options.maxEvents ?? 50;
  const delayMs = options.delayMs ?? 5;
  const maxInFlight = options.maxInFlight ?? 2;
  const timeoutMs = options.timeoutMs ?? DISPATCH_TIMEOUT_MS;
  let queue: Waiting[] = [];
  let queuedEvents = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = 0;
  let idle: (() => void)[] = [];

  /** Callers whose time ran out while they waited for a batch: answered now, their events left as they are. */
  function expire(now: number) {
    const late = queue.filter((w) => w.deadline <= now);
    if (late.length === 0) return;
    queue = queue.filter((w) => w.deadline > now);
    queuedEvents = queue.reduce((n, w) => n + w.events.length, 0);
    deps.logger.warn("event bus busy; events left for the reconciler", {
      count: late.reduce((n, w) => n + w.events.length, 0),
    });
    for (const w of late) w.resolve(false);
  }

  function schedule() {
    if (timer !== undefined || queue.length === 0) return;
    if (queuedEvents >= maxEvents) {
      flush();
      return;
    }
    timer = setTimeout(flush, delayMs);
  }

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    expire(Date.now());
    while (inFlight < maxInFlight && queue.length > 0) {
      // Whole callers per batch, so each caller gets one answer; one caller with more than maxEvents goes alone.
      const batch: Waiting[] = [];
      let count = 0;
      while (queue.length > 0) {
        const next = queue[0] as Waiting;
        if (batch.length > 0 && count + next.events.length > maxEvents) break;
        batch.push(next);
        count += next.events.length;
        queue.shift();
      }
      queuedEvents -= count;
      inFlight++;
      const deadline = Math.min(...batch.map((w) => w.deadline));
      dispatchEvents(
        deps,
        batch.flatMap((w) => w.events),
        { timeoutMs: Math.max(1, deadline - Date.now()) },
      )
        .catch(() => false)
        .then((sent) => {
          for (const w of batch) w.resolve(sent);
          inFlight--;
          if (queue.length > 0) flush();
          if (inFlight === 0 && queue.length === 0) {
            for (const done of idle) done();
            idle = [];
          }
        });
    }
    // Capped: the next returning batch flushes again; meanwhile nobody may wait past their deadline.
    if (queue.length > 0 && timer === undefined) {
      const first = Math.min(...queue.map((w) => w.deadline));
      timer = setTimeout(flush, Math.max(0, first - Date.now()));
    }
  }

  return {
    send(events) {
      if (events.length === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        queue.push({ events, deadline: Date.now() + timeoutMs, resolve });
        queuedEvents += events.length;
        schedule();
      });
    },
    drain() {
      if (queue.length > 0) flush();
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}

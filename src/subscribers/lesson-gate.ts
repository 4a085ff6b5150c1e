// Whether the next lesson may go out now: the one question the drip asks before every lesson, and asks again
// inside the send step right before the provider call. A reader on a break makes the series wait for the
// break's end; a reader who left the series topic, or left altogether, ends it.
import type { Content } from "../content/index.ts";
import type { Db } from "../db/client.ts";
import { isPaused } from "./pause.ts";
import { findSubscriberById, type Subscriber } from "./store.ts";
import { isInTopic } from "./topics.ts";

export type LessonGate =
  | { state: "go" }
  /** On a break until `until` (ms since the epoch). */
  | { state: "paused"; until: number }
  /** `reason` is the subscriber's status ("unsubscribed", ...), "missing" or "left-series". */
  | { state: "stopped"; reason: string };

/** The gate for a subscriber row already read (the send step has one). */
export async function lessonGateFor(
  deps: { db: Db; content: Pick<Content, "topics">; now: () => Date },
  subscriber: Subscriber | undefined,
): Promise<LessonGate> {
  if (!subscriber) return { state: "stopped", reason: "missing" };
  if (subscriber.status !== "active") return { state: "stopped", reason: subscriber.status };
  if (!(await isInTopic(deps.db, deps.content.topics.series, subscriber.id)))
    return { state: "stopped", reason: "left-series" };
  if (isPaused(subscriber, deps.now()))
    return { state: "paused", until: subscriber.pausedUntil?.getTime() ?? 0 };
  return { state: "go" };
}

export async function lessonGate(
  deps: { db: Db; content: Pick<Content, "topics">; now: () => Date },
  subscriberId: string,
): Promise<LessonGate> {
  return lessonGateFor(deps, await findSubscriberById(deps.db, subscriberId));
}

// The one way to build an event we send: from its eventType, so the name and the data's shape come from the
// schema in events.ts and nothing re-types them as strings. The data is checked against the schema when the
// event is built, before it reaches the outbox table, so a malformed payload fails the request that made it
// instead of a reconciler run minutes later.
import type { EventType } from "inngest";
import type { z } from "zod";
import type * as events from "./events.ts";

type SchemaEventType = EventType<string, z.ZodType<Record<string, unknown>, Record<string, unknown>>>;

/** Every event type in events.ts. */
export type AnyEventType = {
  [K in keyof typeof events]: (typeof events)[K] extends SchemaEventType ? (typeof events)[K] : never;
}[keyof typeof events];

/** An event ready for inngest.send() or step.sendEvent(): its id, name and schema-checked data. */
export type BuiltEvent<E extends SchemaEventType> = {
  id: string;
  name: E["name"];
  data: z.output<E["schema"]>;
  ts?: number;
};

/** Any event built by {@link buildEvent}: what the outbox queues. `data` is typed per event name. */
export type PendingEvent = AnyEventType extends infer E
  ? E extends SchemaEventType
    ? BuiltEvent<E>
    : never
  : never;

export function buildEvent<E extends AnyEventType>(
  type: E,
  data: z.input<E["schema"]>,
  options: { id: string; ts?: number },
): BuiltEvent<E> {
  return {
    id: options.id,
    name: type.name,
    data: type.schema.parse(data) as z.output<E["schema"]>,
    ...(options.ts !== undefined ? { ts: options.ts } : {}),
  };
}

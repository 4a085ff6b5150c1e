// The audit trail of every state-changing request through the admin API and the console, as middleware: after a
// request that changed something (any method but GET/HEAD/OPTIONS, answered below 400), one row with who, the
// method and route pattern, and the target the route's :id names (a campaign, subscriber, reply or account id;
// never an address). Domain operations that write their own, richer row (a review step, an account change)
// are not recorded twice: a row by the same actor about the same target written during the request counts.
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import {
  type AuditActor,
  type AuditTargetKind,
  auditedSince,
  auditHighWater,
  recordAudit,
} from "../audit/record.ts";
import type { AppDeps } from "../deps.ts";
import { findSubscriberById } from "../subscribers/store.ts";

const KIND_OF_SEGMENT: Record<string, AuditTargetKind> = {
  campaigns: "campaign",
  subscribers: "subscriber",
  replies: "reply",
  people: "account",
};

const SAFE = /^(GET|HEAD|OPTIONS)$/i;

/** Requests whose route said it changed nothing (a repeated erasure): no row, since the log records changes. */
const unchanged = new WeakSet<Request>();

export function nothingChanged(c: Context): void {
  unchanged.add(c.req.raw);
}

export function auditTrail<E extends { Variables: object }>(
  deps: Pick<AppDeps, "db" | "now" | "logger">,
  options: { channel: "api" | "console"; base: string; actor: (c: Context<E>) => AuditActor },
): MiddlewareHandler<E> {
  return async (c, next) => {
    if (SAFE.test(c.req.method)) return next();
    const highWater = await auditHighWater(deps.db);
    await next();
    if (c.res.status >= 400 || unchanged.has(c.req.raw)) return;
    const pattern = routePath(c);
    const segment = pattern.slice(options.base.length).split("/")[1] ?? "";
    const kind = KIND_OF_SEGMENT[segment];
    const id = c.req.param("id" as never) as string | undefined;
    const actor = options.actor(c);
    try {
      if (await auditedSince(deps.db, highWater, actor, id ?? null)) return;
      // An erased person's id is not kept (see audit/forget-subscriber.ts): the row says a subscriber was erased.
      const erased = kind === "subscriber" && id !== undefined && !(await findSubscriberById(deps.db, id));
      await recordAudit(
        deps.db,
        {
          actor,
          action: `${options.channel} ${c.req.method} ${pattern}`,
          target: kind ? { kind, id: erased ? null : (id ?? null) } : undefined,
          detail: { status: c.res.status, ...(erased ? { erased: true } : {}) },
        },
        deps.now(),
      );
    } catch (error) {
      // The change is made and answered; a lost audit row is logged loudly rather than turned into an error.
      deps.logger.error("audit row not written", { action: `${c.req.method} ${pattern}`, error });
    }
  };
}

// Per-IP fixed-window rate limits stored in the `rate_limits` table, so the same code works on Node (SQLite) and
// Workers (D1) without an extra service. One upsert per request: the counter resets when a new window starts.
import { getConnInfo } from "@hono/node-server/conninfo";
import { and, lt, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { preparedPerDb } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { resolveClientIp } from "../lib/ip.ts";
import { retryLater } from "./errors.ts";
import { rateLimitedPage } from "./pages/journey-pages.ts";

/** The client's address as far as the configured proxy (TRUST_PROXY, see src/lib/ip.ts) vouches for it. */
export function clientIp(c: Context, config: Pick<Config, "trustProxy">): string {
  let socket: string | undefined;
  try {
    // Only @hono/node-server provides the socket; on Workers and in app.request() this throws.
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined;
  }
  return resolveClientIp(config.trustProxy, (name) => c.req.header(name), socket) ?? "unknown";
}

/** The address for a consent record: null rather than a placeholder when it is not known. */
export function recordedIp(c: Context, config: Pick<Config, "trustProxy">): string | null {
  const ip = clientIp(c, config);
  return ip === "unknown" ? null : ip;
}

export type RateLimitOptions = {
  /** Bucket name, e.g. "subscribe"; part of the stored key. */
  name: string;
  limit: number;
  windowMs: number;
};

/** The counting upsert, prepared once per database: it runs on every limited request. */
const countRequest = preparedPerDb((db) =>
  db
    .insert(rateLimits)
    .values({ key: sql.placeholder("key"), windowStart: sql.placeholder("windowStart"), count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      // SET expressions see the old row: same window → count + 1, new window → start again at 1.
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count })
    .prepare(),
);

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * One request counted against `options` under `subject` (an IP address, an address hash, ...). The console's
 * sign-in limits per address use it directly; {@link rateLimit} is the per-IP middleware around it.
 */
export function rateLimitCounter(
  deps: Pick<AppDeps, "db" | "logger" | "now">,
  options: RateLimitOptions,
): (subject: string) => Promise<RateLimitVerdict> {
  const prefix = `${options.name}:`;
  /** The window this limiter last cleared stale rows for, in this process (or Worker isolate). */
  let clearedWindow: number | undefined;
  return async (subject) => {
    const nowMs = deps.now().getTime();
    const windowStart = Math.floor(nowMs / options.windowMs) * options.windowMs;
    const key = `${prefix}${subject}`;
    let count: number;
    try {
      const row = await countRequest(deps.db).get({ key, windowStart });
      count = row?.count ?? 1;
      if (clearedWindow !== windowStart) {
        // Once per window: clear this limiter's stale windows so the table stays as small as the number of
        // recently active addresses. (Not per new address: during a spike every signup is a new address, and
        // the delete scans the table.) The daily prune-operational-logs cron catches what is left.
        clearedWindow = windowStart;
        await deps.db
          .delete(rateLimits)
          .where(
            and(
              sql`substr(${rateLimits.key}, 1, ${prefix.length}) = ${prefix}`,
              lt(rateLimits.windowStart, windowStart),
            ),
          );
      }
    } catch (error) {
      // A limiter that cannot count must not take the signup form down with it.
      // Not silently, though: an open limiter is something to look at.
      deps.logger.error("rate limiter unavailable; request allowed without a limit", {
        limiter: options.name,
        error,
      });
      return { allowed: true };
    }
    if (count <= options.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfter: Math.max(1, Math.ceil((windowStart + options.windowMs - nowMs) / 1000)),
    };
  };
}

export function rateLimit(
  deps: Pick<AppDeps, "db" | "config" | "logger" | "now">,
  options: RateLimitOptions,
): MiddlewareHandler {
  const count = rateLimitCounter(deps, options);
  return async (c, next) => {
    const verdict = await count(clientIp(c, deps.config));
    if (verdict.allowed) return next();
    const { retryAfter } = verdict;
    return retryLater(c, deps.config, {
      status: 429,
      retryAfterSeconds: retryAfter,
      page: rateLimitedPage,
      code: "rate_limited",
      message: `Too many requests. Try again in ${retryAfter} seconds.`,
    });
  };
}

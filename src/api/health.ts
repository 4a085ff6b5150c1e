import { Hono } from "hono";
import { ping } from "../db/client.ts";
import type { AppDeps } from "../deps.ts";

/** Load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export function healthRoutes({ db }: Pick<AppDeps, "db">) {
  return new Hono().get("/healthz", async (c) => {
    c.header("Cache-Control", "no-store");
    const database = await ping(db);
    return c.json({ status: database ? "ok" : "unavailable", database }, database ? 200 : 503);
  });
}

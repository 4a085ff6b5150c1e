/** @jsxImportSource hono/jsx */
// /admin/people (owners only): who can sign in, with which role.
import { Hono } from "hono";
import { listAccounts } from "../accounts/store.ts";
import type { AppDeps } from "../deps.ts";
import { requireRole } from "./auth.tsx";
import type { ConsoleEnv } from "./env.ts";
import { PeoplePage } from "./pages/people.tsx";

export function peopleRoutes(deps: Pick<AppDeps, "db" | "now">) {
  return new Hono<ConsoleEnv>().use("*", requireRole("owner")).get("/", async (c) => {
    const accounts = await listAccounts(deps.db);
    return c.html(<PeoplePage c={c} accounts={accounts} />);
  });
}

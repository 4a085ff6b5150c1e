/** @jsxImportSource hono/jsx */
// /admin/audit (owners only): the audit log, newest first, 50 rows a page.
import { Hono } from "hono";
import { listAudit } from "../audit/list.ts";
import type { AppDeps } from "../deps.ts";
import { requireRole } from "./auth.tsx";
import type { ConsoleEnv } from "./env.ts";
import { AuditPage } from "./pages/audit.tsx";

export function auditRoutes(deps: Pick<AppDeps, "db">) {
  return new Hono<ConsoleEnv>().use("*", requireRole("owner")).get("/", async (c) => {
    const before = c.req.query("before");
    const page = await listAudit(deps.db, { before });
    return c.html(<AuditPage c={c} rows={page.rows} next={page.next} paged={before !== undefined} />);
  });
}

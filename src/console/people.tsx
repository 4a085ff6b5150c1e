/** @jsxImportSource hono/jsx */
// /admin/people (owners only): who can sign in and with which role; add, change role, set a reviewer's title,
// remove. Each change goes through the accounts domain (the same one the users CLI calls), writes its audit row,
// and redirects back (post/redirect/get); a refusal shows the page again with the message by the field.
import { type Context, Hono } from "hono";
import { changeAccountRole } from "../accounts/change-role.ts";
import { createAccount } from "../accounts/create.ts";
import { removeAccount } from "../accounts/remove.ts";
import { setAccountTitle } from "../accounts/set-title.ts";
import { findAccountById, listAccounts } from "../accounts/store.ts";
import { STATUS_FOR } from "../api/errors.ts";
import { type AuditDetail, recordAudit } from "../audit/record.ts";
import type { AppDeps } from "../deps.ts";
import { requireRole } from "./auth.tsx";
import type { ConsoleEnv } from "./env.ts";
import { PeoplePage, type PeopleProblem } from "./pages/people.tsx";

const DONE = {
  added: "Account added.",
  role: "Role changed.",
  title: "Title saved.",
  removed: "Account removed.",
};
type Done = keyof typeof DONE;

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function peopleRoutes(deps: Pick<AppDeps, "db" | "now">) {
  const show = async (c: Context<ConsoleEnv>, problem?: PeopleProblem) => {
    const done = c.req.query("done");
    return c.html(
      <PeoplePage
        c={c}
        accounts={await listAccounts(deps.db)}
        problem={problem}
        done={done && done in DONE ? DONE[done as Done] : undefined}
      />,
      problem ? STATUS_FOR[problem.failure.code] : 200,
    );
  };
  // Every change here is the signed-in owner acting on one account.
  const audit = (
    c: Context<ConsoleEnv>,
    action: string,
    accountId: string,
    detail?: AuditDetail,
    at = deps.now(),
  ) =>
    recordAudit(
      deps.db,
      {
        actor: { kind: "account", accountId: c.get("account").id },
        action,
        target: { kind: "account", id: accountId },
        detail,
      },
      at,
    );
  const back = (done: Done) => `/admin/people?done=${done}`;

  return new Hono<ConsoleEnv>()
    .use("*", requireRole("owner"))
    .get("/", (c) => show(c))
    .post("/", async (c) => {
      const body = await c.req.parseBody();
      const values = {
        email: text(body.email),
        name: text(body.name),
        role: text(body.role),
        title: text(body.title),
      };
      const now = deps.now();
      const created = await createAccount(deps.db, values, now);
      if (!created.ok) return show(c, { form: "add", values, failure: created });
      if (values.title.trim()) {
        const titled = await setAccountTitle(deps.db, created.account.id, values.title, now);
        if (!titled.ok) return show(c, { form: "add", values, failure: titled });
      }
      const action = created.reactivated ? "account.re-add" : "account.add";
      await audit(c, action, created.account.id, { role: created.account.role }, now);
      return c.redirect(back("added"), 303);
    })
    .post("/:id/role", async (c) => {
      const id = c.req.param("id");
      const role = text((await c.req.parseBody()).role);
      const changed = await changeAccountRole(deps.db, id, role, deps.now());
      if (!changed.ok) return show(c, { form: "row", accountId: id, failure: changed });
      await audit(c, "account.role", id, { role: changed.account.role });
      return c.redirect(back("role"), 303);
    })
    .post("/:id/title", async (c) => {
      const id = c.req.param("id");
      const titled = await setAccountTitle(deps.db, id, text((await c.req.parseBody()).title), deps.now());
      if (!titled.ok) return show(c, { form: "row", accountId: id, failure: titled });
      await audit(c, "account.title", id);
      return c.redirect(back("title"), 303);
    })
    .post("/:id/remove", async (c) => {
      const id = c.req.param("id");
      const account = await findAccountById(deps.db, id);
      const removed = await removeAccount(deps.db, id, deps.now());
      if (!removed.ok) return show(c, { form: "row", accountId: id, failure: removed });
      await audit(c, "account.remove", id, { role: account?.role ?? null });
      // Removing yourself ends your own session too: the next page is the sign-in page.
      return c.redirect(back("removed"), 303);
    });
}

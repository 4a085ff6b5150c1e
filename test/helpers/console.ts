// Signed-in console requests for tests: `signInAs(app, deps, { role })` creates an account and a real session
// row (through the session module, the same one the sign-in link uses) and returns what a browser would send.
//
//   const t = createTestApp();
//   const owner = await signInAs(t.app, t.deps, { role: "owner" });
//   await t.app.request("/admin/people", { headers: owner.headers });                 // a page
//   await owner.post(t.app, "/admin/people", { email: "a@example.com", name: "A", role: "reviewer" }); // a form
//   await t.app.request(url, { method: "POST", headers: { ...owner.headers, "x-csrf-token": owner.csrfToken } });
import { createAccount } from "../../src/accounts/create.ts";
import type { Account, AccountRole } from "../../src/accounts/schemas.ts";
import { createSession } from "../../src/accounts/sessions.ts";
import type { App } from "../../src/app.ts";
import { sessionCookieName } from "../../src/console/cookie.ts";
import { CSRF_FIELD, csrfTokenFor } from "../../src/console/csrf.ts";
import type { AppDeps } from "../../src/deps.ts";

export type ConsoleSession = {
  account: Account;
  /** `name=value` for the Cookie header. */
  cookie: string;
  csrfToken: string;
  /** Cookie, plus an Origin of APP_URL and Accept: text/html, as a browser on a console page sends them. */
  headers: Record<string, string>;
  /** A form post from a console page: fields url-encoded, with the CSRF token added. */
  post: (app: App, path: string, fields?: Record<string, string | string[]>) => Promise<Response>;
};

let counter = 0;

export async function signInAs(
  app: App,
  deps: Pick<AppDeps, "db" | "config" | "now">,
  options: { role: AccountRole; name?: string; email?: string },
): Promise<ConsoleSession> {
  void app;
  counter += 1;
  const created = await createAccount(
    deps.db,
    {
      email: options.email ?? `${options.role}-${counter}@team.hopemark.test`,
      name: options.name ?? `Test ${options.role[0]?.toUpperCase()}${options.role.slice(1)}`,
      role: options.role,
    },
    deps.now(),
  );
  if (!created.ok) throw new Error(`signInAs: ${created.message} ${JSON.stringify(created.fields ?? {})}`);
  const { token, session } = await createSession(
    deps.db,
    created.account.id,
    { ip: "203.0.113.7", userAgent: "vitest" },
    deps.now(),
  );
  const cookie = `${sessionCookieName(deps.config)}=${token}`;
  const csrfToken = await csrfTokenFor(deps.config.tokenSecret, session.id);
  const headers = { cookie, origin: new URL(deps.config.appUrl).origin, accept: "text/html" };
  return {
    account: created.account,
    cookie,
    csrfToken,
    headers,
    post: async (target, path, fields = {}) => {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields))
        for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      body.set(CSRF_FIELD, csrfToken);
      return target.request(path, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    },
  };
}

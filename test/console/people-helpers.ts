// Shared by the subscriber and content page tests: a signed-in staff member of each role, multipart posts with
// the CSRF token (CSV uploads), and a fully populated person (signup, confirmation, the drip).
import { CSRF_FIELD } from "../../src/console/csrf.ts";
import type { TestApp } from "../helpers/app.ts";
import { type ConsoleSession, signInAs } from "../helpers/console.ts";

export async function staff(t: TestApp) {
  return {
    owner: await signInAs(t.app, t.deps, { role: "owner" }),
    marketer: await signInAs(t.app, t.deps, { role: "marketer" }),
    reviewer: await signInAs(t.app, t.deps, { role: "reviewer" }),
  };
}

/** A multipart form post from a console page; `csrf: false` leaves the token out. */
export function multipart(
  t: TestApp,
  session: ConsoleSession,
  path: string,
  fields: Record<string, string | File>,
  options: { csrf?: boolean } = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (options.csrf !== false) form.set(CSRF_FIELD, session.csrfToken);
  return t.app.request(path, { method: "POST", headers: session.headers, body: form });
}

/** A form post with the session's cookie and origin but no CSRF token. */
export function postWithoutToken(
  t: TestApp,
  session: ConsoleSession,
  path: string,
  fields: Record<string, string>,
) {
  return t.app.request(path, {
    method: "POST",
    headers: { ...session.headers, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

export function csvFile(text: string, name = "people.csv") {
  return new File([text], name, { type: "text/csv" });
}

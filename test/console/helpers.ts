// Sign-in through the real link flow, for the console's own tests: the login form, the outbox, the link page's
// button. (Other suites use test/helpers/console.ts, which makes the session directly.)
import { desc } from "drizzle-orm";
import { outbox } from "../../src/db/schema.ts";
import type { TestApp } from "../helpers/app.ts";

export const ORIGIN = "http://newsletter.test";

export function formPost(
  t: TestApp,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return t.app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      origin: ORIGIN,
      accept: "text/html",
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

export async function outboxMessages(t: TestApp) {
  return t.db.select().from(outbox).orderBy(desc(outbox.createdAt));
}

/** The sign-in link in the newest outbox message to `to`. */
export async function latestLink(t: TestApp, to: string): Promise<string | undefined> {
  const message = (await outboxMessages(t)).find((m) => m.to === to);
  return message?.text.match(/https?:\/\/\S+\/admin\/login\/link\?token=[A-Za-z0-9_-]+(?:&next=\S+)?/)?.[0];
}

export function tokenOf(link: string): string {
  return new URL(link).searchParams.get("token") ?? "";
}

/** Posts the link page's button; answers the response (303 with a cookie when it worked). */
export function pressSignIn(t: TestApp, link: string, headers: Record<string, string> = {}) {
  const url = new URL(link);
  const fields: Record<string, string> = { token: tokenOf(link) };
  const next = url.searchParams.get("next");
  if (next) fields.next = next;
  return formPost(t, "/admin/login/link", fields, headers);
}

/** `name=value` of the session cookie a response set. */
export function sessionCookie(res: Response): string | undefined {
  const header = res.headers.get("set-cookie") ?? "";
  return header.split(";")[0] || undefined;
}

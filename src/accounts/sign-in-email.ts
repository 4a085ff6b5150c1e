// The sign-in email for an account, composed like every other email (Layout: crisis footer, sender attribution,
// postal address), so the send gate checks it the same way. The token is only ever in the link.
import type { AppDeps } from "../deps.ts";
import { emailContext } from "../emails/context.ts";
import { renderEmail } from "../emails/render.ts";
import type { OutgoingEmail } from "../mail/types.ts";
import type { Account } from "./schemas.ts";
import { hashSecretToken } from "./secret-token.ts";
import { SIGN_IN_LINK_TTL_MS } from "./sign-in.ts";

export function signInUrl(appUrl: string, token: string, next?: string): string {
  const url = new URL("/admin/login/link", appUrl);
  url.searchParams.set("token", token);
  if (next) url.searchParams.set("next", next);
  return url.toString();
}

export async function signInEmail(
  deps: Pick<AppDeps, "config" | "content">,
  account: Account,
  token: string,
  next?: string,
): Promise<OutgoingEmail> {
  const rendered = await renderEmail("console-sign-in", {
    ctx: emailContext(deps, { locale: "en", country: null }),
    name: account.name,
    signInUrl: signInUrl(deps.config.appUrl, token, next),
    expiresInMinutes: SIGN_IN_LINK_TTL_MS / 60_000,
  });
  return {
    to: account.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: {},
    tags: [{ name: "template", value: rendered.templateId }],
    // One message per link; the key names the link by its hash, never the token.
    idempotencyKey: `sign-in:${hashSecretToken(token).slice(0, 32)}`,
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

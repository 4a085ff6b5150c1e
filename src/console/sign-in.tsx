/** @jsxImportSource hono/jsx */
// GET/POST /admin/login and GET/POST /admin/login/link: passwordless sign-in. The POST answers "check your
// inbox" whatever the address, and does the lookup, the link and the email after the answer, so neither the
// words nor the time tell whether the address has an account. Limits: per IP and per address.
import { Hono } from "hono";
import { z } from "zod";
import { accountEmailSchema } from "../accounts/schemas.ts";
import { createSession, findSession } from "../accounts/sessions.ts";
import { checkSignInLink, consumeSignInLink, issueSignInLink } from "../accounts/sign-in.ts";
import { signInEmail } from "../accounts/sign-in-email.ts";
import { runAfterResponse } from "../api/after-response.ts";
import { devOutboxEnabled } from "../api/dev-outbox.ts";
import { fieldErrors } from "../api/errors.ts";
import { clientIp, rateLimitCounter, recordedIp } from "../api/rate-limit.ts";
import { recordAudit } from "../audit/record.ts";
import type { AppDeps } from "../deps.ts";
import { hashEmail } from "../lib/email-address.ts";
import { safeNext } from "./auth.tsx";
import { readSessionCookie, writeSessionCookie } from "./cookie.ts";
import { CheckInboxPage } from "./pages/check-inbox.tsx";
import { LoginPage } from "./pages/login.tsx";
import { TooManyPage } from "./pages/refusals.tsx";
import { SignInLinkPage, SignInLinkProblemPage } from "./pages/sign-in-link.tsx";

const WINDOW_MS = 15 * 60 * 1000;
/** Per IP: a team behind one office address signs in a few times a day, not 20 times in 15 minutes. */
export const LOGIN_LIMIT_PER_IP = 20;
/** Per address: enough for "I did not get it" twice, not enough to flood someone's inbox. */
export const LOGIN_LIMIT_PER_ADDRESS = 5;

const loginForm = z.object({ email: accountEmailSchema });

export function signInRoutes(deps: AppDeps) {
  const perIp = rateLimitCounter(deps, {
    name: "console-login-ip",
    limit: LOGIN_LIMIT_PER_IP,
    windowMs: WINDOW_MS,
  });
  const perAddress = rateLimitCounter(deps, {
    name: "console-login-address",
    limit: LOGIN_LIMIT_PER_ADDRESS,
    windowMs: WINDOW_MS,
  });
  const tooMany = (retryAfter: number) => ({ retryAfter });

  return new Hono()
    .get("/login", async (c) => {
      const cookie = readSessionCookie(c, deps.config);
      if (cookie && (await findSession(deps.db, cookie, deps.now()))) return c.redirect("/admin", 302);
      const notice = c.req.query("signed-out")
        ? "signed-out"
        : c.req.query("ended")
          ? "signed-out-elsewhere"
          : undefined;
      return c.html(<LoginPage next={safeNext(c.req.query("next"))} notice={notice} />);
    })
    .post("/login", async (c) => {
      const body = await c.req.parseBody();
      const next = safeNext(body.next);
      const ip = await perIp(clientIp(c, deps.config));
      if (!ip.allowed) {
        c.header("Retry-After", String(ip.retryAfter));
        return c.html(<TooManyPage {...tooMany(ip.retryAfter)} />, 429);
      }
      const parsed = loginForm.safeParse({ email: typeof body.email === "string" ? body.email : "" });
      if (!parsed.success) {
        const email = typeof body.email === "string" ? body.email : "";
        return c.html(<LoginPage email={email} next={next} errors={fieldErrors(parsed.error)} />, 422);
      }
      const { email } = parsed.data;
      const address = await perAddress(await hashEmail(email));
      if (!address.allowed) {
        c.header("Retry-After", String(address.retryAfter));
        return c.html(<TooManyPage {...tooMany(address.retryAfter)} />, 429);
      }
      runAfterResponse(c, deps, "console sign-in link", async () => {
        const issued = await issueSignInLink(deps.db, email, deps.now());
        if (!issued) return;
        await deps.mailer.send(await signInEmail(deps, issued.account, issued.token, next));
      });
      return c.html(<CheckInboxPage devOutbox={devOutboxEnabled(deps.config)} />);
    })
    .get("/login/link", async (c) => {
      const token = c.req.query("token") ?? "";
      const check = await checkSignInLink(deps.db, token, deps.now());
      if (!check.ok)
        return c.html(
          <SignInLinkProblemPage reason={check.reason} />,
          check.reason === "expired" ? 410 : 400,
        );
      return c.html(
        <SignInLinkPage token={token} next={safeNext(c.req.query("next"))} name={check.account.name} />,
      );
    })
    .post("/login/link", async (c) => {
      const body = await c.req.parseBody();
      const now = deps.now();
      const used = await consumeSignInLink(deps.db, body.token, now);
      if (!used.ok)
        return c.html(<SignInLinkProblemPage reason={used.reason} />, used.reason === "expired" ? 410 : 400);
      const { token } = await createSession(
        deps.db,
        used.account.id,
        { ip: recordedIp(c, deps.config), userAgent: c.req.header("user-agent") ?? null },
        now,
      );
      await recordAudit(
        deps.db,
        {
          actor: { kind: "account", accountId: used.account.id },
          action: "account.sign-in",
          target: { kind: "account", id: used.account.id },
        },
        now,
      );
      writeSessionCookie(c, deps.config, token);
      return c.redirect(safeNext(body.next) ?? "/admin", 303);
    });
}

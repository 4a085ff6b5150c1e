/** @jsxImportSource hono/jsx */
// The page behind the emailed link. Opening the link signs nobody in (mail scanners open links): the button
// does, once. A used, broken or expired link gets a way to ask for a new one.
import { ConsoleLayout } from "../layout.tsx";

export function SignInLinkPage({
  token,
  next,
  name,
}: {
  token: string;
  next?: string | undefined;
  name: string;
}) {
  return (
    <ConsoleLayout title="Sign in" narrow>
      <h1>Sign in as {name}</h1>
      <p>Press the button to finish signing in on this device.</p>
      <form method="post" action="/admin/login/link">
        <input type="hidden" name="token" value={token} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <button type="submit">Sign in</button>
      </form>
    </ConsoleLayout>
  );
}

export function SignInLinkProblemPage({ reason }: { reason: "invalid" | "expired" }) {
  return (
    <ConsoleLayout title="Sign-in link not valid" narrow>
      <h1>{reason === "expired" ? "This sign-in link has expired" : "This sign-in link does not work"}</h1>
      <p>
        {reason === "expired"
          ? "Sign-in links work for 15 minutes."
          : "Each link works once, and only as sent: it may have been used already, or the address was cut short."}{" "}
        Ask for a new one.
      </p>
      <p>
        <a class="button" href="/admin/login">
          Get a new sign-in link
        </a>
      </p>
    </ConsoleLayout>
  );
}

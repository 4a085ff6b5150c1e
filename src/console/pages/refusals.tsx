/** @jsxImportSource hono/jsx */
// What the console answers when it says no: the wrong role, a form from another site, too many attempts.
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";

type Shell = Pick<ConsoleLayoutProps, "account" | "csrfToken">;

export function ForbiddenPage(props: Shell & { needs: readonly string[] }) {
  return (
    <ConsoleLayout {...props} title="Not allowed">
      <h1>You can't use this page</h1>
      <p>{`This page is for ${props.needs.join(" or ")} accounts, and your role is ${props.account?.role ?? "unknown"}. An owner can change it.`}</p>
      <p>
        <a href="/admin">Back to the dashboard</a>
      </p>
    </ConsoleLayout>
  );
}

export function CrossSitePage() {
  return (
    <ConsoleLayout title="Request refused" narrow>
      <h1>That request was refused</h1>
      <p>
        The form did not come from this console, or the page was open for too long. Nothing was changed. Go
        back, reload the page and try again.
      </p>
      <p>
        <a href="/admin">Back to the console</a>
      </p>
    </ConsoleLayout>
  );
}

export function TooManyPage({ retryAfter }: { retryAfter: number }) {
  const minutes = Math.ceil(retryAfter / 60);
  return (
    <ConsoleLayout title="Too many attempts" narrow>
      <h1>Too many sign-in attempts</h1>
      <p>
        Please wait {minutes === 1 ? "a minute" : `${minutes} minutes`} and try again. Any link already sent
        still works until it expires.
      </p>
    </ConsoleLayout>
  );
}

/** @jsxImportSource hono/jsx */
// After "Send sign-in link": the same words whether or not the address has an account.
import { SIGN_IN_LINK_TTL_MS } from "../../accounts/sign-in.ts";
import { ConsoleLayout } from "../layout.tsx";

export function CheckInboxPage({ devOutbox }: { devOutbox: boolean }) {
  return (
    <ConsoleLayout title="Check your inbox" narrow>
      <h1>Check your inbox</h1>
      <p role="status">
        If that address belongs to a console account, a sign-in link is on its way. It works once, for{" "}
        {SIGN_IN_LINK_TTL_MS / 60_000} minutes.
      </p>
      {devOutbox ? (
        <p class="hint">
          Development: the email is in the <a href="/dev/outbox">local outbox</a>.
        </p>
      ) : null}
      <p>
        <a href="/admin/login">Use a different address</a>
      </p>
    </ConsoleLayout>
  );
}

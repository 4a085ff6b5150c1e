/** @jsxImportSource hono/jsx */
// /admin/login: one field, one button. The same page answers a signed-out visitor, a bad address and a sign-out.

import { ErrorSummary } from "../components/error-summary.tsx";
import { Notice } from "../components/notice.tsx";
import { TextField } from "../components/text-field.tsx";
import { ConsoleLayout } from "../layout.tsx";

export type LoginPageProps = {
  email?: string | undefined;
  errors?: Record<string, string[]> | undefined;
  /** Where to go after signing in (validated by the route). */
  next?: string | undefined;
  notice?: "signed-out" | "signed-out-elsewhere" | undefined;
};

const NOTICES = {
  "signed-out": "You are signed out.",
  "signed-out-elsewhere": "Your session has ended. Sign in again to continue.",
};

export function LoginPage(props: LoginPageProps) {
  return (
    <ConsoleLayout title="Sign in" narrow>
      <h1>Sign in to the console</h1>
      <Notice text={props.notice ? NOTICES[props.notice] : undefined} />
      <ErrorSummary errors={props.errors} labels={{ email: "Email address" }} />
      <p>Enter the address your account was created with. We will email you a link that signs you in.</p>
      <form method="post" action="/admin/login" novalidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="email"
          label="Email address"
          type="email"
          autocomplete="email"
          value={props.email}
          errors={props.errors?.email}
          required
        />
        <button type="submit">Send sign-in link</button>
      </form>
      <p class="hint">No account yet? An owner of the console adds you.</p>
    </ConsoleLayout>
  );
}

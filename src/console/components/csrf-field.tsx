/** @jsxImportSource hono/jsx */
// The hidden field every console form carries: `<CsrfField token={c.get("csrfToken")} />` inside the <form>.
import { CSRF_FIELD } from "../csrf.ts";

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

// The typed Hono environment of every signed-in console page: `c.get("account")` is who is signed in,
// `c.get("csrfToken")` the token their forms carry (see components/csrf-field.tsx), `c.get("sessionId")` the row.
import type { AccountRole } from "../accounts/schemas.ts";

export type ConsoleAccount = { id: string; name: string; role: AccountRole; email: string };

export type ConsoleEnv = {
  Variables: {
    account: ConsoleAccount;
    csrfToken: string;
    sessionId: string;
  };
};

/** @jsxImportSource hono/jsx */
// The people page: every active account with its role.
import type { Context } from "hono";
import type { Account } from "../../accounts/schemas.ts";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function PeoplePage({ c, accounts }: { c: Context<ConsoleEnv>; accounts: Account[] }) {
  return (
    <ConsoleLayout {...shell(c)} title="People" section="people">
      <h1>People</h1>
      <p>
        Everyone who can sign in to the console. Owners manage people; marketers write and send; reviewers
        approve health content.
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Console accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Role</th>
              <th scope="col">Added (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.email}</td>
                <td>{a.role}</td>
                <td>{dateFormat.format(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsoleLayout>
  );
}

// `npm run users -- add|list|remove|role`: the console's accounts from a shell, straight on the database (the way
// to create the first owner, before anyone can sign in). Validation is the accounts domain's own (zod); the
// output never holds a token, and the sign-in itself always goes through an emailed link.
import { parseArgs } from "node:util";
import { changeAccountRole } from "../src/accounts/change-role.ts";
import { createAccount } from "../src/accounts/create.ts";
import { removeAccount } from "../src/accounts/remove.ts";
import type { Account } from "../src/accounts/schemas.ts";
import { setAccountTitle } from "../src/accounts/set-title.ts";
import { findActiveAccountByEmail, listAccounts } from "../src/accounts/store.ts";
import type { Db } from "../src/db/client.ts";

export const USERS_USAGE = `usage:
  npm run users -- add EMAIL --name NAME --role owner|marketer|reviewer [--title TITLE]
  npm run users -- list [--all]            (--all: removed accounts too)
  npm run users -- role EMAIL --role owner|marketer|reviewer
  npm run users -- title EMAIL "Psychiatrist, MD"   (a reviewer's title, shown in "Reviewed by …")
  npm run users -- remove EMAIL`;

export type UsersIo = {
  db: Db;
  /** APP_URL, for the "sign in at" hint. */
  appUrl: string;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const line = (a: Account) =>
  `${a.id}  ${a.role.padEnd(8)}  ${a.name}${a.title ? `, ${a.title}` : ""}  <${a.email}>  added ${day(a.createdAt)}${a.removedAt ? `  removed ${day(a.removedAt)}` : ""}`;

/** Runs one command; answers the exit code (0 done, 1 refused, 2 usage). */
export async function usersCli(argv: string[], io: UsersIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USERS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, email, ...rest] = positionals;
  // `title EMAIL TITLE`: the title may be one quoted argument or several words.
  const extra = command === "title" ? [] : rest;
  const usage = (message: string) => {
    io.err(`${message}\n${USERS_USAGE}`);
    return 2;
  };
  if (extra.length > 0) return usage(`unexpected argument: ${extra.join(" ")}`);
  const refused = (failure: { message: string; fields?: Record<string, string[]> | undefined }) => {
    const details = Object.entries(failure.fields ?? {}).map(([field, m]) => `  ${field}: ${m.join(" ")}`);
    io.err([failure.message, ...details].join("\n"));
    return 1;
  };

  switch (command) {
    case "add": {
      if (!email) return usage("add needs an EMAIL");
      if (values.name === undefined) return usage("add needs --name NAME");
      if (values.role === undefined) return usage("add needs --role owner|marketer|reviewer");
      const result = await createAccount(io.db, { email, name: values.name, role: values.role }, io.now());
      if (!result.ok) return refused(result);
      let account = result.account;
      if (values.title !== undefined) {
        const titled = await setAccountTitle(io.db, account.id, values.title, io.now());
        if (!titled.ok) {
          io.out(`${result.reactivated ? "re-added" : "added"}: ${line(account)}`);
          return refused({ ...titled, message: `Added, but the title was refused: ${titled.message}` });
        }
        account = titled.account;
      }
      io.out(`${result.reactivated ? "re-added" : "added"}: ${line(account)}`);
      if (result.account.role === "owner")
        io.out(
          `Sign in at ${io.appUrl}/admin with this address; the link arrives by email (/dev/outbox locally).`,
        );
      return 0;
    }
    case "list": {
      if (email) return usage(`list takes no EMAIL`);
      const accounts = await listAccounts(io.db, { includeRemoved: values.all === true });
      if (accounts.length === 0)
        io.out("no accounts yet: npm run users -- add EMAIL --name NAME --role owner");
      for (const a of accounts) io.out(line(a));
      return 0;
    }
    case "role":
    case "title":
    case "remove": {
      if (!email) return usage(`${command} needs an EMAIL`);
      const account = await findActiveAccountByEmail(io.db, email);
      if (!account) return refused({ message: "No account with that email address." });
      if (command === "remove") {
        const result = await removeAccount(io.db, account.id, io.now());
        if (!result.ok) return refused(result);
        io.out(`removed: ${line(result.account)} (its sessions are signed out)`);
        return 0;
      }
      if (command === "title") {
        const title = rest.join(" ") || values.title;
        if (!title) return usage('title needs a TITLE, e.g. "Medical editor"');
        const result = await setAccountTitle(io.db, account.id, title, io.now());
        if (!result.ok) return refused(result);
        io.out(`title set: ${line(result.account)}`);
        return 0;
      }
      if (values.role === undefined) return usage("role needs --role owner|marketer|reviewer");
      const result = await changeAccountRole(io.db, account.id, values.role, io.now());
      if (!result.ok) return refused(result);
      io.out(`role changed: ${line(result.account)}`);
      return 0;
    }
    default:
      return usage(command ? `unknown command: ${command}` : "no command given");
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      title: { type: "string" },
      all: { type: "boolean" },
    },
  });
}

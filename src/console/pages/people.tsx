/** @jsxImportSource hono/jsx */
// The people page: an "add a person" form, then one card per active account with its role, title and removal.
import type { Context } from "hono";
import type { Account } from "../../accounts/schemas.ts";
import { ACCOUNT_ROLES } from "../../db/schema.ts";
import type { Failure } from "../../lib/result.ts";
import { CsrfField } from "../components/csrf-field.tsx";
import { ErrorSummary } from "../components/error-summary.tsx";
import { Notice } from "../components/notice.tsx";
import { TextField } from "../components/text-field.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";

export type PeopleProblem =
  | { form: "add"; values: Record<string, string>; failure: Failure }
  | { form: "row"; accountId: string; failure: Failure };

const ROLE_HELP: Record<(typeof ACCOUNT_ROLES)[number], string> = {
  owner: "everything, and manages people",
  marketer: "writes, tests and sends approved campaigns; manages subscribers",
  reviewer: "reviews and approves health content",
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function RoleSelect({ id, value }: { id: string; value?: string | undefined }) {
  return (
    <select id={id} name="role">
      {ACCOUNT_ROLES.map((role) => (
        <option key={role} value={role} selected={role === value}>
          {role}
        </option>
      ))}
    </select>
  );
}

function AddForm({ csrfToken, problem }: { csrfToken: string; problem: PeopleProblem | undefined }) {
  const add = problem?.form === "add" ? problem : undefined;
  const errors = add?.failure.fields ?? (add ? { email: [add.failure.message] } : undefined);
  return (
    <section aria-labelledby="add-heading">
      <h2 id="add-heading">Add a person</h2>
      <ErrorSummary
        errors={errors}
        labels={{ email: "Email address", name: "Name", role: "Role", title: "Title" }}
      />
      <form method="post" action="/admin/people" novalidate>
        <CsrfField token={csrfToken} />
        <div class="inline-fields">
          <TextField
            name="email"
            label="Email address"
            type="email"
            autocomplete="off"
            value={add?.values.email}
            errors={errors?.email}
          />
          <TextField name="name" label="Name" value={add?.values.name} errors={errors?.name} />
        </div>
        <div class="inline-fields">
          <div>
            <label for="field-role">Role</label>
            <RoleSelect id="field-role" value={add?.values.role || "marketer"} />
            {errors?.role ? <p class="error">{errors.role.join(" ")}</p> : null}
          </div>
          <TextField
            name="title"
            label="Title (reviewers)"
            hint='Shown in "Reviewed by NAME, TITLE, on DATE", e.g. "Psychiatrist, MD". A reviewer needs one to approve.'
            value={add?.values.title}
            errors={errors?.title}
          />
        </div>
        <button type="submit">Add person</button>
      </form>
      <p class="hint">
        They sign in at /admin/login with this address; nobody gets an email until they ask for a link.
      </p>
    </section>
  );
}

function PersonCard({
  a,
  me,
  csrfToken,
  problem,
}: {
  a: Account;
  me: string;
  csrfToken: string;
  problem?: Failure | undefined;
}) {
  const messages = problem ? [problem.message, ...Object.values(problem.fields ?? {}).flat()] : [];
  return (
    <li class="person" id={`person-${a.id}`}>
      <h3>
        {a.name}
        {a.id === me ? " (you)" : ""}
      </h3>
      <p class="muted">
        {a.email} · {a.role}
        {a.title ? ` · ${a.title}` : ""} · added {dateFormat.format(a.createdAt)}
      </p>
      {messages.length > 0 ? (
        <p class="error" role="alert">
          {messages.join(" ")}
        </p>
      ) : null}
      <div class="person-actions">
        <form method="post" action={`/admin/people/${a.id}/role`}>
          <CsrfField token={csrfToken} />
          <label for={`role-${a.id}`}>Role</label>
          <RoleSelect id={`role-${a.id}`} value={a.role} />
          <button type="submit" class="secondary">
            Change role
          </button>
        </form>
        <form method="post" action={`/admin/people/${a.id}/title`}>
          <CsrfField token={csrfToken} />
          <label for={`title-${a.id}`}>Title</label>
          <input id={`title-${a.id}`} name="title" type="text" value={a.title ?? ""} />
          <button type="submit" class="secondary">
            Save title
          </button>
        </form>
        <details>
          <summary>Remove {a.name}</summary>
          <form method="post" action={`/admin/people/${a.id}/remove`}>
            <CsrfField token={csrfToken} />
            <p>They can no longer sign in, and every session they have ends now.</p>
            <button type="submit" class="danger">
              Remove {a.name}
            </button>
          </form>
        </details>
      </div>
    </li>
  );
}

export function PeoplePage(props: {
  c: Context<ConsoleEnv>;
  accounts: Account[];
  problem?: PeopleProblem | undefined;
  done?: string | undefined;
}) {
  const { c, accounts, problem } = props;
  const csrfToken = c.get("csrfToken");
  return (
    <ConsoleLayout {...shell(c)} title="People" section="people">
      <h1>People</h1>
      <Notice text={props.done} />
      <p>Everyone who can sign in to the console, with their role:</p>
      <ul class="hint">
        {ACCOUNT_ROLES.map((role) => (
          <li key={role}>
            <strong>{role}</strong>: {ROLE_HELP[role]}
          </li>
        ))}
      </ul>
      <AddForm csrfToken={csrfToken} problem={problem} />
      <h2>{accounts.length === 1 ? "1 person" : `${accounts.length} people`}</h2>
      <ul class="people">
        {accounts.map((a) => (
          <PersonCard
            key={a.id}
            a={a}
            me={c.get("account").id}
            csrfToken={csrfToken}
            problem={problem?.form === "row" && problem.accountId === a.id ? problem.failure : undefined}
          />
        ))}
      </ul>
    </ConsoleLayout>
  );
}

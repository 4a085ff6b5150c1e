/** @jsxImportSource hono/jsx */
// A person's page: status, consent history, every email we sent them and what became of it, tags (add and
// remove), and the actions unsubscribe, export (a JSON download) and erase. Every action is a plain form POST
// with the CSRF token, so the page works without JavaScript; the routes are in person-routes.tsx.
import { Fragment } from "hono/jsx";
import type { PersonView } from "../../subscribers/person.ts";
import { CsrfField } from "../components/csrf-field.tsx";
import { type Column, DataTable } from "../components/data-table.tsx";
import { ErrorSummary } from "../components/error-summary.tsx";
import { Notice } from "../components/notice.tsx";
import { TextField } from "../components/text-field.tsx";
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";
import { STATUS_LABELS, utc } from "./format.ts";

export type PersonPageProps = Pick<ConsoleLayoutProps, "account" | "csrfToken"> & {
  person: PersonView;
  notice?: string | undefined;
  /** Field messages of the form that failed: tags or erase. */
  errors?: Record<string, string[]> | undefined;
  tagsValue?: string | undefined;
};

const SEND_KINDS: Record<PersonView["sends"][number]["kind"], string> = {
  transactional: "Transactional",
  lesson: "Series",
  campaign: "Campaign",
  test: "Test",
};

const DELIVERY: Record<string, string> = {
  queued: "Queued",
  sent: "Sent (no delivery report yet)",
  delivered: "Delivered",
  delivery_delayed: "Delayed",
  bounced: "Bounced",
  complained: "Marked as spam",
  failed: "Failed",
  suppressed: "Suppressed by the provider",
};

const CONSENT_ACTIONS: Record<PersonView["consents"][number]["action"], string> = {
  given: "Consent given",
  confirmed: "Confirmed (double opt-in)",
  withdrawn: "Withdrawn",
  "topic-given": "Topic chosen",
  "topic-withdrawn": "Topic left",
};

const CONSENT_COLUMNS: Column<PersonView["consents"][number]>[] = [
  { header: "When", cell: (c) => utc(c.at) },
  {
    header: "What",
    cell: (c) => (
      <>
        {CONSENT_ACTIONS[c.action]}
        {c.topicId ? `: ${c.topicId}` : ""}
      </>
    ),
  },
  {
    header: "How",
    cell: (c) => (
      <>
        <code>{c.form}</code>
        {c.reportedSource ? ` (reported: ${c.reportedSource})` : ""}
      </>
    ),
  },
  { header: "Page", class: "wrap-anywhere", cell: (c) => c.page ?? "—" },
  {
    header: "Wording / privacy notice",
    cell: (c) => (
      <>
        {c.wordingVersion ?? "—"} / {c.privacyVersion ?? "—"}
      </>
    ),
  },
  {
    header: "IP and browser",
    class: "wrap-anywhere",
    cell: (c) => (
      <>
        {c.ip ?? "—"}
        {c.userAgent ? ` · ${c.userAgent}` : ""}
      </>
    ),
  },
];

const SEND_COLUMNS: Column<PersonView["sends"][number]>[] = [
  { header: "Sent", cell: (s) => utc(s.sentAt) },
  {
    header: "Email",
    cell: (s) => (s.campaignId ? <a href={`/admin/campaigns/${s.campaignId}`}>{s.label}</a> : s.label),
  },
  { header: "Kind", cell: (s) => SEND_KINDS[s.kind] },
  {
    header: "Delivery",
    cell: (s) => (
      <>
        {DELIVERY[s.status] ?? s.status}
        {s.error ? ` (${s.error})` : ""}
      </>
    ),
  },
  {
    header: "History",
    cell: (s) =>
      s.events
        .map(
          (e) =>
            `${e.type.replace(/_/g, " ")} ${utc(new Date(e.at).toISOString())}${e.detail ? ` (${e.detail})` : ""}`,
        )
        .join("; "),
  },
];

export const ERASE_LABEL = "Type the person's email address to confirm";

export function PersonPage(props: PersonPageProps) {
  const { person } = props;
  const token = props.csrfToken ?? "";
  const canUnsubscribe = person.status === "pending" || person.status === "active";
  const base = `/admin/subscribers/${person.id}`;
  return (
    <ConsoleLayout {...props} title="Subscriber" section="subscribers">
      <p>
        <a href="/admin/subscribers">← All subscribers</a>
      </p>
      <h1 class="wrap-anywhere">{person.email}</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={props.errors} labels={{ tags: "Tags", confirm: "Erase", tag: "Tag" }} />

      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <strong>{STATUS_LABELS[person.status]}</strong>
          {person.suppression ? ` · on the suppression list (${person.suppression})` : ""}
        </dd>
        <dt>First name</dt>
        <dd>{person.firstName ?? "—"}</dd>
        <dt>Locale and country</dt>
        <dd>
          {person.locale} ·{" "}
          {person.country ?? "country unknown (US crisis lines plus the local emergency number)"}
        </dd>
        <dt>Came from</dt>
        <dd>
          <code>{person.source}</code>
        </dd>
        <dt>Joined</dt>
        <dd>{utc(person.createdAt)}</dd>
        <dt>Confirmed</dt>
        <dd>{utc(person.confirmedAt)}</dd>
        <dt>Unsubscribed</dt>
        <dd>{utc(person.unsubscribedAt)}</dd>
        <dt>Soft bounces in a row</dt>
        <dd>{person.softBounces}</dd>
        <dt>Id</dt>
        <dd>
          <code>{person.id}</code>
        </dd>
      </dl>

      <h2 id="preferences">Preferences</h2>
      {person.preferences.length > 0 ? (
        <dl class="facts">
          {person.preferences.map((p) => (
            <Fragment key={p.label}>
              <dt>{p.label}</dt>
              <dd>{p.value}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p class="muted">
          Topics, a break and a time zone are not recorded for subscribers yet; they will show here once they
          are.
        </p>
      )}

      <h2 id="tags">Tags</h2>
      {person.tags.length > 0 ? (
        <ul class="tag-list">
          {person.tags.map((tag) => (
            <li key={tag}>
              <code>{tag}</code>
              <form method="post" action={`${base}/tags/remove`}>
                <CsrfField token={token} />
                <input type="hidden" name="tag" value={tag} />
                <button type="submit" class="secondary small">
                  Remove<span class="visually-hidden"> tag {tag}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No tags.</p>
      )}
      <form method="post" action={`${base}/tags`} novalidate>
        <CsrfField token={token} />
        <TextField
          name="tags"
          label="Add tags"
          value={props.tagsValue}
          hint="Topics or segments, never health details. Several at once: separate them with commas."
          errors={props.errors?.tags}
        />
        <button type="submit">Add tags</button>
      </form>

      <h2 id="consents">Consent history</h2>
      <DataTable
        stack
        columns={CONSENT_COLUMNS}
        rows={person.consents}
        rowKey={(c) => `${c.action}:${c.at}`}
        empty={
          <p class="muted">
            No consent records (for example an import without prior consent that was never confirmed).
          </p>
        }
      />

      <h2 id="emails">Emails sent</h2>
      <DataTable
        stack
        columns={SEND_COLUMNS}
        rows={person.sends}
        rowKey={(s) => s.id}
        empty={<p class="muted">Nothing has been sent to this person.</p>}
      />

      <h2 id="actions">Actions</h2>
      <div class="actions">
        <section aria-labelledby="unsubscribe-heading">
          <h3 id="unsubscribe-heading">Unsubscribe</h3>
          {canUnsubscribe ? (
            <form method="post" action={`${base}/unsubscribe`}>
              <CsrfField token={token} />
              <p>
                Stops every email at once (the series and campaigns) and records the withdrawal. No goodbye
                email.
              </p>
              <button type="submit">Unsubscribe this person</button>
            </form>
          ) : (
            <p class="muted">This person receives no email ({STATUS_LABELS[person.status].toLowerCase()}).</p>
          )}
        </section>
        <section aria-labelledby="export-heading">
          <h3 id="export-heading">Export their data</h3>
          <form method="post" action={`${base}/export`}>
            <CsrfField token={token} />
            <p>Everything we hold about this person as a JSON file, for a subject access request.</p>
            <button type="submit" class="secondary">
              Download JSON
            </button>
          </form>
        </section>
        <section aria-labelledby="erase-heading">
          <h3 id="erase-heading">Erase</h3>
          <form method="post" action={`${base}/erase`} novalidate>
            <CsrfField token={token} />
            <p>
              Deletes the profile, consent records, replies and personal fields on sends, for good. Only a
              hash of the address stays, so they are never emailed again unless they sign up afresh. This
              cannot be undone.
            </p>
            <TextField
              name="confirm"
              label={ERASE_LABEL}
              type="email"
              autocomplete="off"
              errors={props.errors?.confirm}
              required
            />
            <button type="submit" class="danger">
              Erase this person
            </button>
          </form>
        </section>
      </div>
    </ConsoleLayout>
  );
}

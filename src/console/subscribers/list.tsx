/** @jsxImportSource hono/jsx */
// /admin/subscribers: find one person by exact address, or filter the list by status, tag, locale and country,
// a page of 50 at a time. Finding by address is a POST: the address stays out of the URL, so it is in no
// browser history, proxy log or Referer (and our own logs never get it either).
//   GET  /admin/subscribers        the filters (?status=&tag=&locale=&country=&after=) and the paged table
//   POST /admin/subscribers/find   { email } → 303 to the person's page, or the list with a message
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { nothingChanged } from "../../api/audit-trail.ts";
import { fieldErrors } from "../../api/errors.ts";
import { SUBSCRIBER_STATUSES } from "../../db/schema.ts";
import type { AppDeps } from "../../deps.ts";
import {
  findByEmailSchema,
  findSubscriberIdByEmail,
  type SearchQuery,
  searchQuerySchema,
  searchSubscribers,
} from "../../subscribers/search.ts";
import { CsrfField } from "../components/csrf-field.tsx";
import { type Column, DataTable } from "../components/data-table.tsx";
import { ErrorSummary } from "../components/error-summary.tsx";
import { Notice } from "../components/notice.tsx";
import { boundTextField, TextField } from "../components/text-field.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, type ConsoleLayoutProps, shell } from "../layout.tsx";
import { queryOf, STATUS_LABELS, utc } from "./format.ts";

type Page = Awaited<ReturnType<typeof searchSubscribers>>;

type ListPageProps = Pick<ConsoleLayoutProps, "account" | "csrfToken"> & {
  query: Partial<Record<keyof SearchQuery, string>>;
  page: Page | null;
  filterErrors?: Record<string, string[]> | undefined;
  findErrors?: Record<string, string[]> | undefined;
  email?: string | undefined;
  notice?: string | undefined;
};

const NOTICES: Record<string, string> = {
  erased: "The person was erased. Only a hash of their address stays on the suppression list.",
  imported: "The import finished.",
};

export function SubscriberListPage(props: ListPageProps) {
  const { query, page } = props;
  const filters = { status: query.status, tag: query.tag, locale: query.locale, country: query.country };
  const filtered = Object.values(filters).some(Boolean);
  const Filter = boundTextField(query, props.filterErrors, FILTER_LABELS);
  return (
    <ConsoleLayout {...props} title="Subscribers" section="subscribers">
      <h1>Subscribers</h1>
      <Notice text={props.notice} />
      <p>
        <a href="/admin/subscribers/import">Import subscribers from a CSV file</a>
      </p>

      <h2 id="find">Find a person</h2>
      <ErrorSummary errors={props.findErrors} labels={{ email: "Email address" }} />
      <form method="post" action="/admin/subscribers/find" novalidate aria-labelledby="find">
        <CsrfField token={props.csrfToken ?? ""} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autocomplete="off"
          value={props.email}
          hint="The whole address, exactly; there is no partial search."
          errors={props.findErrors?.email}
          required
        />
        <button type="submit">Find</button>
      </form>

      <h2 id="filter">Filter the list</h2>
      <ErrorSummary errors={props.filterErrors} labels={FILTER_LABELS} />
      <form method="get" action="/admin/subscribers" aria-labelledby="filter">
        <div class="inline-fields">
          <div>
            <label for="field-status">Status</label>
            <select id="field-status" name="status">
              <option value="">Any status</option>
              {SUBSCRIBER_STATUSES.map((s) => (
                <option key={s} value={s} selected={query.status === s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <Filter name="tag" hint="e.g. news" />
          <Filter name="locale" hint='e.g. "en" (includes en-GB)' />
          <Filter name="country" hint="Two letters, e.g. US" />
        </div>
        <button type="submit">Apply filters</button>{" "}
        {filtered ? <a href="/admin/subscribers">Clear filters</a> : null}
      </form>

      {page ? <ResultTable page={page} filters={filters} after={query.after} /> : null}
    </ConsoleLayout>
  );
}

const FILTER_LABELS = { status: "Status", tag: "Tag", locale: "Locale", country: "Country", after: "Page" };

const COLUMNS: Column<Page["subscribers"][number]>[] = [
  { header: "Email address", cell: (s) => <a href={`/admin/subscribers/${s.id}`}>{s.email}</a> },
  { header: "Name", cell: (s) => s.firstName ?? "—" },
  { header: "Status", cell: (s) => STATUS_LABELS[s.status] },
  { header: "Locale", cell: (s) => s.locale },
  { header: "Country", cell: (s) => s.country ?? "—" },
  { header: "Tags", cell: (s) => (s.tags.length > 0 ? s.tags.join(", ") : "—") },
  { header: "Joined", cell: (s) => utc(s.createdAt) },
];

function ResultTable(props: {
  page: Page;
  filters: Record<string, string | undefined>;
  after: string | undefined;
}) {
  const { page } = props;
  const people = page.total === 1 ? "1 person matches." : `${page.total} people match.`;
  return (
    <section aria-labelledby="results">
      <h2 id="results">People</h2>
      <p role="status">
        {people}
        {page.total > page.subscribers.length ? ` Showing ${page.subscribers.length} at a time.` : ""}
      </p>
      <DataTable stack columns={COLUMNS} rows={page.subscribers} rowKey={(s) => s.id} />
      <nav class="pager" aria-label="Pages">
        {props.after ? <a href={`/admin/subscribers${queryOf(props.filters)}`}>First page</a> : null}
        {page.nextCursor ? (
          <a href={`/admin/subscribers${queryOf({ ...props.filters, after: page.nextCursor })}`}>Next page</a>
        ) : null}
      </nav>
    </section>
  );
}

/** The raw query as typed, to refill the form (strings only; the schema decides what they mean). */
function rawQuery(values: Record<string, string>): ListPageProps["query"] {
  const pick = (key: string) => (typeof values[key] === "string" ? values[key] : undefined);
  return {
    status: pick("status"),
    tag: pick("tag"),
    locale: pick("locale"),
    country: pick("country"),
    after: pick("after"),
  };
}

export function subscriberListRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .get("/", async (c) => {
      c.header("Cache-Control", "no-store");
      const query = rawQuery(c.req.query());
      const parsed = searchQuerySchema.safeParse(query);
      const notice = NOTICES[c.req.query("done") ?? ""];
      if (!parsed.success) {
        return c.html(
          <SubscriberListPage
            {...shell(c)}
            query={query}
            page={null}
            filterErrors={fieldErrors(parsed.error)}
          />,
          422,
        );
      }
      const page = await searchSubscribers(deps, parsed.data);
      return c.html(<SubscriberListPage {...shell(c)} query={query} page={page} notice={notice} />);
    })
    .post(
      "/find",
      zValidator("form", findByEmailSchema, async (result, c) => {
        if (result.success) return;
        const typed = (await c.req.parseBody()).email;
        return c.html(
          <SubscriberListPage
            {...shell(c as never)}
            query={{}}
            page={null}
            email={typeof typed === "string" ? typed : ""}
            findErrors={fieldErrors(result.error)}
          />,
          422,
        );
      }),
      async (c) => {
        // Looking someone up changes nothing: no audit row (and none of the address, ever).
        nothingChanged(c);
        const { email } = c.req.valid("form");
        const found = await findSubscriberIdByEmail(deps, email);
        if (found.ok) return c.redirect(`/admin/subscribers/${found.id}`, 303);
        return c.html(
          <SubscriberListPage
            {...shell(c)}
            query={{}}
            page={null}
            email={email}
            findErrors={{ email: [found.message] }}
          />,
          404,
        );
      },
    );
}

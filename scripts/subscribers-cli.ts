// `npm run campaign -- subscribers ...`: what a marketer needs about the list without curl. It calls the same
// admin API (/api/admin/subscribers) as everything else.
import { type AdminCall, type CliIo, refusedBy, UsageError } from "./campaign.ts";

type SubscriberView = {
  id: string;
  email: string;
  firstName: string | null;
  status: string;
  locale: string | null;
  country: string | null;
  tags: string[];
  source: string | null;
  createdAt: string;
  confirmedAt: string | null;
};

type Values = {
  status?: string | undefined;
  tag?: string[] | undefined;
  locale?: string[] | undefined;
  country?: string[] | undefined;
  limit?: string | undefined;
  after?: string | undefined;
  out?: string | undefined;
  source?: string[] | undefined;
  "prior-consent"?: boolean | undefined;
};

const row = (s: SubscriberView) =>
  `${s.id}  ${s.status.padEnd(12)}  ${s.email}  ${s.country ?? "--"}  ${s.tags.length > 0 ? s.tags.join(",") : "(no tags)"}`;

/** The list filters as a query string; the API takes one tag, locale and country per call. */
function filters(values: Values, extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  const one = (name: string, list: string[] | undefined) => {
    if ((list?.length ?? 0) > 1) throw new UsageError(`give at most one --${name} for subscribers`);
    if (list?.[0]) query.set(name, list[0]);
  };
  if (values.status) query.set("status", values.status);
  one("tag", values.tag);
  one("locale", values.locale);
  one("country", values.country);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) query.set(k, v);
  const text = query.toString();
  return text ? `?${text}` : "";
}

export async function subscribersCommand(
  args: string[],
  values: Values,
  admin: AdminCall,
  io: Pick<CliIo, "out" | "err" | "readFile" | "writeFile">,
): Promise<number> {
  const [action, first, ...rest] = args;
  const refused = (res: { status: number; json: unknown }) => refusedBy(io, res.status, res.json);
  switch (action) {
    case "list": {
      const res = await admin(
        "GET",
        `/subscribers${filters(values, { limit: values.limit ?? "50", after: values.after })}`,
      );
      if (!res.ok) return refused(res);
      const { subscribers, nextCursor } = res.json as {
        subscribers: SubscriberView[];
        nextCursor: string | null;
      };
      if (subscribers.length === 0) io.out("no subscribers match\n");
      for (const s of subscribers) io.out(`${row(s)}\n`);
      if (nextCursor) io.out(`more: add --after ${nextCursor}\n`);
      return 0;
    }
    case "find": {
      if (!first) throw new UsageError("give an email address: subscribers find <email>");
      const res = await admin("GET", `/subscribers?${new URLSearchParams({ email: first })}`);
      if (!res.ok) return refused(res);
      const [found] = (res.json as { subscribers: SubscriberView[] }).subscribers;
      if (!found) {
        io.out("no subscriber with that address\n");
        return 1;
      }
      io.out(
        `${row(found)}\n  first name: ${found.firstName ?? "--"}  locale: ${found.locale ?? "--"}  source: ${found.source ?? "--"}\n` +
          `  signed up ${found.createdAt}${found.confirmedAt ? `, confirmed ${found.confirmedAt}` : ", not confirmed"}\n`,
      );
      return 0;
    }
    case "tag": {
      if (!first || rest.length === 0)
        throw new UsageError("usage: subscribers tag <subscriber-id> <tag>...");
      const res = await admin("POST", `/subscribers/${encodeURIComponent(first)}/tags`, { tags: rest });
      if (!res.ok) return refused(res);
      io.out(
        `${first}: tags ${(res.json as { subscriber: { tags: string[] } }).subscriber.tags.join(",")}\n`,
      );
      return 0;
    }
    case "untag": {
      const [tag] = rest;
      if (!first || !tag || rest.length > 1)
        throw new UsageError("usage: subscribers untag <subscriber-id> <tag>");
      const res = await admin(
        "DELETE",
        `/subscribers/${encodeURIComponent(first)}/tags/${encodeURIComponent(tag)}`,
      );
      if (!res.ok) return refused(res);
      const tags = (res.json as { subscriber: { tags: string[] } }).subscriber.tags;
      io.out(`${first}: tags ${tags.length > 0 ? tags.join(",") : "(none)"}\n`);
      return 0;
    }
    case "import": {
      const source = values.source?.[0];
      if (!first || !source) {
        throw new UsageError(
          "usage: subscribers import <file.csv> --source NAME [--prior-consent]  (columns: email,first_name,locale,country,tags)",
        );
      }
      const query = new URLSearchParams({ source, priorConsent: values["prior-consent"] ? "true" : "false" });
      const res = await admin("POST", `/subscribers/import?${query}`, undefined, {
        type: "text/csv",
        text: io.readFile(first),
      });
      if (!res.ok) return refused(res);
      const summary = (res.json as { imported: Record<string, number | string[]> }).imported;
      io.out(
        `imported ${summary.rows} rows: ${summary.created} new (${summary.active} active, ${summary.pending} pending until they confirm), ${summary.existing} already on the list, ${summary.suppressed} suppressed\n`,
      );
      if (!values["prior-consent"])
        io.out(
          "New addresses stay pending until they confirm; use --prior-consent only if they already agreed.\n",
        );
      return 0;
    }
    case "export": {
      const res = await admin("GET", `/subscribers/export${filters(values)}`);
      if (!res.ok) return refused(res);
      const lines = Math.max(0, res.text.trimEnd().split("\n").length - 1);
      if (values.out) {
        io.writeFile(values.out, res.text);
        io.out(`wrote ${lines} subscribers to ${values.out}\n`);
      } else io.out(res.text);
      return 0;
    }
    default:
      throw new UsageError(
        `subscribers needs one of: list, find, tag, untag, import, export${action ? ` (not "${action}")` : ""}`,
      );
  }
}

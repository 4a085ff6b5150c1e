// `npm run campaign -- subscribers ...`: what a marketer needs about the list without curl. It calls the same
// admin API (/api/admin/subscribers) as everything else.
import type { InferRequestType, InferResponseType } from "hono/client";
import { type AdminClient, type CliIo, refusedBy, UsageError } from "./admin-client.ts";

type Subscribers = AdminClient["subscribers"];
type SubscriberView = InferResponseType<Subscribers["$get"], 200>["subscribers"][number];

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

/**
 * The list filters; the API takes one tag, locale and country per call. An unknown status is the server's to
 * refuse (a 422 naming the allowed ones), as for every other field.
 */
function filters(values: Values) {
  const one = (name: string, list: string[] | undefined) => {
    if ((list?.length ?? 0) > 1) throw new UsageError(`give at most one --${name} for subscribers`);
    return list?.[0] || undefined;
  };
  type Status = InferRequestType<Subscribers["export"]["$get"]>["query"]["status"];
  return {
    status: (values.status || undefined) as Status,
    tag: one("tag", values.tag),
    locale: one("locale", values.locale),
    country: one("country", values.country),
  };
}

export async function subscribersCommand(
  args: string[],
  values: Values,
  subscribers: Subscribers,
  io: Pick<CliIo, "out" | "err" | "readFile" | "writeFile">,
): Promise<number> {
  const [action, first, ...rest] = args;
  const refused = (res: Parameters<typeof refusedBy>[1]) => refusedBy(io, res);
  switch (action) {
    case "list": {
      const res = await subscribers.$get({
        query: { ...filters(values), limit: values.limit ?? "50", after: values.after },
      });
      if (!res.ok) return refused(res);
      const { subscribers: list, nextCursor } = await res.json();
      if (list.length === 0) io.out("no subscribers match\n");
      for (const s of list) io.out(`${row(s)}\n`);
      if (nextCursor) io.out(`more: add --after ${nextCursor}\n`);
      return 0;
    }
    case "find": {
      if (!first) throw new UsageError("give an email address: subscribers find <email>");
      const res = await subscribers.$get({ query: { email: first } });
      if (!res.ok) return refused(res);
      const [found] = (await res.json()).subscribers;
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
      const res = await subscribers[":id"].tags.$post({
        param: { id: encodeURIComponent(first) },
        json: { tags: rest },
      });
      if (!res.ok) return refused(res);
      io.out(`${first}: tags ${(await res.json()).subscriber.tags.join(",")}\n`);
      return 0;
    }
    case "untag": {
      const [tag] = rest;
      if (!first || !tag || rest.length > 1)
        throw new UsageError("usage: subscribers untag <subscriber-id> <tag>");
      const res = await subscribers[":id"].tags[":tag"].$delete({
        param: { id: encodeURIComponent(first), tag: encodeURIComponent(tag) },
      });
      if (!res.ok) return refused(res);
      const { tags } = (await res.json()).subscriber;
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
      // The body is the CSV file itself (the route reads text/csv, not a validated JSON body).
      const res = await subscribers.import.$post(
        { query: { source, priorConsent: values["prior-consent"] ? "true" : "false" } },
        { headers: { "content-type": "text/csv" }, init: { body: io.readFile(first) } },
      );
      if (!res.ok) return refused(res);
      const summary = (await res.json()).imported;
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
      const res = await subscribers.export.$get({ query: filters(values) });
      if (!res.ok) return refused(res);
      const csv = await res.text();
      const lines = Math.max(0, csv.trimEnd().split("\n").length - 1);
      if (values.out) {
        io.writeFile(values.out, csv);
        io.out(`wrote ${lines} subscribers to ${values.out}\n`);
      } else io.out(csv);
      return 0;
    }
    default:
      throw new UsageError(
        `subscribers needs one of: list, find, tag, untag, import, export${action ? ` (not "${action}")` : ""}`,
      );
  }
}

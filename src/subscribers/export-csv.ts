// The subscriber list as a CSV download (GET /api/admin/subscribers/export), streamed page by page.
import type { AppDeps } from "../deps.ts";
import { csvLine } from "../lib/csv.ts";
import { type ListQuery, listSubscribers } from "./list.ts";

export const EXPORT_COLUMNS = [
  "id",
  "email",
  "first_name",
  "status",
  "locale",
  "country",
  "time_zone",
  "tags",
  "topics",
  "paused_until",
  "source",
  "created_at",
  "confirmed_at",
  "unsubscribed_at",
] as const;

/** The export as a stream of CSV text, read page by page so a large list never sits in memory at once. */
export function exportSubscribersCsv(
  deps: Pick<AppDeps, "db" | "content" | "now">,
  query: Omit<ListQuery, "limit" | "after">,
) {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine([...EXPORT_COLUMNS])));
        return;
      }
      const page = await listSubscribers(deps, { ...query, limit: 500, ...(after ? { after } : {}) });
      const text = page.subscribers
        .map((s) =>
          csvLine([
            s.id,
            s.email,
            s.firstName,
            s.status,
            s.locale,
            s.country,
            s.timeZone,
            s.tags.join(";"),
            s.topics.join(";"),
            s.pausedUntil,
            s.source,
            s.createdAt,
            s.confirmedAt,
            s.unsubscribedAt,
          ]),
        )
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      if (!page.nextCursor) controller.close();
      else after = page.nextCursor;
    },
  });
}

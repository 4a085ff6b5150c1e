// Small display helpers the subscriber pages share. Times are shown in UTC, labelled, so two people looking at the
// same record (or the audit log) read the same moment.
import type { SUBSCRIBER_STATUSES } from "../../db/schema.ts";

export function utc(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const STATUS_LABELS: Record<(typeof SUBSCRIBER_STATUSES)[number], string> = {
  pending: "Pending (not confirmed yet)",
  active: "Active",
  unsubscribed: "Unsubscribed",
  bounced: "Bounced",
  complained: "Complained (marked as spam)",
};

/** A query string of the filters that are set, for paging links. */
export function queryOf(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

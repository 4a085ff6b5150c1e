// The words a visitor agrees to, and the version labels recorded with every consent row (safety rule 13).
// Change the wording here and bump CONSENT_WORDING_VERSION in the same edit, so every consent record names exactly
// the text the person saw. The privacy notice and its version live in templates/privacy.md (content.privacy).
import type { consents } from "../db/schema.ts";
import { randomId } from "../lib/ids.ts";

/** Bump whenever CONSENT_LABEL or CONSENT_DETAIL changes. */
export const CONSENT_WORDING_VERSION = "2026-12-signup-v2";

/** Next to the unticked checkbox. */
export const CONSENT_LABEL =
  "Yes, email me Hopemark Health's free educational series about depression treatment, and occasional updates.";

export const CONSENT_DETAIL =
  "We send a confirmation email first; nothing else arrives until you click the link in it. " +
  "Every newsletter email then has an unsubscribe link at the bottom.";

/** The short privacy note under the form; templates/privacy.md is the full notice (bump its version with this). */
export const PRIVACY_NOTE =
  "We keep only your email address, your first name if you give it, and a record of your consent. " +
  "We never ask about diagnoses or treatment, never sell or share the list, and never sync it to ad platforms. " +
  "Emails contain no tracking pixels.";

/** The recorded `form` value for each way in or out; the hosted page is the default. */
export const FORMS = {
  hosted: "hosted-form",
  embed: "embed",
  api: "api",
  confirmLink: "confirm-link",
  unsubscribePage: "unsubscribe-page",
  oneClick: "one-click",
  /** Withdrawn by replying "unsubscribe" (or similar) to one of our emails. */
  reply: "reply",
  /** Unsubscribed by a member of staff in the console (at the person's request); the audit log says who. */
  console: "console",
  /** The preferences page (topics, a break, unsubscribe from everything). */
  preferencesPage: "preferences-page",
} as const;

type ConsentRow = typeof consents.$inferInsert;

/** One consents row, given or withdrawn. The user agent is kept to its first 500 characters. */
export function consentRecord(
  row: Omit<ConsentRow, "id" | "ip" | "userAgent"> & { ip?: string | null; userAgent?: string | null },
): ConsentRow {
  return { ...row, id: randomId("con"), ip: row.ip ?? null, userAgent: row.userAgent?.slice(0, 500) ?? null };
}

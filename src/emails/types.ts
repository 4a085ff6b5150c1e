// Props every email shares. Kept deliberately small: personalisation stops at first name (safety rule 15), and
// per-recipient links (unsubscribe, confirm) live on each email's own props so there is one source for each.
import type { Author } from "../content/schema.ts";
import type { EmailKind } from "../mail/types.ts";

export type { EmailKind };

export interface EmailContext {
  /** BCP 47 tag of the subscriber, e.g. "en", "en-GB". Drives `<html lang>` (see contentLang). */
  locale: string;
  /** ISO 3166-1 alpha-2; picks the crisis line. Unknown or missing gets the US line plus a local-number note. */
  country?: string | null;
  /** CAN-SPAM postal address, from config.mail.postalAddress. */
  postalAddress: string;
  /** Public base URL of the app, without trailing slash (links to the privacy page etc.). */
  appUrl: string;
  /** The person transactional emails are sent in the name of (content.sender). */
  sender: Author;
}

/** Languages we have copy in. Everything is English today; a subscriber's locale only refines the tag. */
const CONTENT_LANGUAGES = ["en"] as const;

/**
 * The `lang` for `<html>`: the subscriber's locale when we have copy in that language, otherwise English,
 * because lang must describe the text actually in the email (screen readers pick a voice from it).
 */
export function contentLang(locale: string | undefined): string {
  const tag = (locale ?? "").trim();
  const primary = tag.split(/[-_]/)[0]?.toLowerCase() ?? "";
  if ((CONTENT_LANGUAGES as readonly string[]).includes(primary)) {
    return /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(tag) ? tag.replace(/_/g, "-") : primary;
  }
  return "en";
}

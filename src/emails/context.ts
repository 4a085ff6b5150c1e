// The per-recipient context every email receives: where they are (for the crisis line and lang), the brand's
// postal address and the sender. One builder, so the journey and campaigns cannot drift apart.
import type { Config } from "../config.ts";
import type { Content } from "../content/index.ts";
import type { EmailContext } from "./types.ts";

export function emailContext(
  deps: { config: Config; content: Pick<Content, "sender"> },
  recipient: { locale: string; country?: string | null },
): EmailContext {
  return {
    locale: recipient.locale,
    country: recipient.country,
    postalAddress: deps.config.mail.postalAddress,
    appUrl: deps.config.appUrl,
    sender: deps.content.sender,
  };
}

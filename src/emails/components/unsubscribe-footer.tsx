// CAN-SPAM and Gmail/Yahoo bulk-sender rules (safety rules 11-12): why you get this, a visible unsubscribe link,
// the privacy notice, the postal address and, for campaigns, that the email is an advertisement.
import { Link, Text } from "@react-email/components";
import { Box } from "./box.tsx";
import { cls } from "./styles.ts";
import { brand, linkText as link, smallText as small, space } from "./theme.ts";

/**
 * Marketing email carries both links, transactional email neither: one cannot come without the other. Printed
 * verbatim (campaign placeholders must survive rendering).
 */
export type FooterLinks =
  | { unsubscribeUrl: string; preferencesUrl: string }
  | { unsubscribeUrl?: undefined; preferencesUrl?: undefined };

export type UnsubscribeFooterProps = FooterLinks & {
  /** One sentence: why this address receives this email. */
  reason: string;
  /** Campaigns are advertising under CAN-SPAM and must say so. */
  advertising?: boolean | undefined;
  postalAddress: string;
  /** Public base URL, for the privacy notice link. */
  appUrl: string;
};

export const ADVERTISING_NOTICE = `This email is an advertisement from ${brand.name}.`;
export const UNSUBSCRIBE_LABEL = `Unsubscribe from ${brand.name} emails`;
// What the visible link really does: it opens a page with one button (mail scanners that follow links must not
// unsubscribe anyone). The one-click unsubscribe is the List-Unsubscribe header, offered by the mail app itself.
export const UNSUBSCRIBE_NOTE =
  "The link opens a page with one button to confirm. No login or password is needed.";
export const PRIVACY_LABEL = "Privacy notice";
export const PREFERENCES_LABEL = "Manage preferences";
export const PREFERENCES_NOTE = "Choose what we send you, take a break, or change your name or country.";

/** A footer link on its own line, with one line under it on what the link does. */
function LinkWithNote({ href, label, note }: { href: string; label: string; note: string }) {
  return (
    <>
      <Text className={cls.muted} style={{ ...small, margin: 0 }}>
        <Link className={cls.link} href={href} style={link}>
          {label}
        </Link>
      </Text>
      <Text className={cls.muted} style={small}>
        {note}
      </Text>
    </>
  );
}

export function UnsubscribeFooter({
  reason,
  unsubscribeUrl,
  preferencesUrl,
  advertising,
  postalAddress,
  appUrl,
}: UnsubscribeFooterProps) {
  return (
    <Box marker="unsubscribe-footer" style={{ padding: `${space.md} 0 0` }}>
      <Text className={cls.muted} style={small}>
        {reason}
      </Text>
      {preferencesUrl ? (
        <LinkWithNote href={preferencesUrl} label={PREFERENCES_LABEL} note={PREFERENCES_NOTE} />
      ) : null}
      {unsubscribeUrl ? (
        <LinkWithNote href={unsubscribeUrl} label={UNSUBSCRIBE_LABEL} note={UNSUBSCRIBE_NOTE} />
      ) : null}
      {advertising ? (
        <Text className={cls.muted} style={small}>
          {ADVERTISING_NOTICE}
        </Text>
      ) : null}
      <Text className={cls.muted} style={small}>
        <Link className={cls.link} href={`${appUrl}/privacy`} style={link}>
          {PRIVACY_LABEL}
        </Link>{" "}
        (how we use your email address)
      </Text>
      <Text className={cls.muted} style={small}>
        {postalAddress}
      </Text>
    </Box>
  );
}

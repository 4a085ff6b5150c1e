// CAN-SPAM and Gmail/Yahoo bulk-sender rules (safety rules 11-12): why you get this, a visible one-click
// unsubscribe link, the postal address and, for campaigns, that the email is an advertisement.
import { Link, Section, Text } from "@react-email/components";
import { brand, colors, fontSizes, space } from "./theme.ts";

export interface UnsubscribeFooterProps {
  /** One sentence: why this address receives this email. */
  reason: string;
  /** Marketing email only. Printed verbatim (campaign placeholders must survive rendering). */
  unsubscribeUrl?: string | undefined;
  /** Campaigns are advertising under CAN-SPAM and must say so. */
  advertising?: boolean | undefined;
  postalAddress: string;
}

const small = {
  color: colors.muted,
  fontSize: fontSizes.small,
  lineHeight: "22px",
  margin: `0 0 ${space.sm}`,
};

export const ADVERTISING_NOTICE = `This email is an advertisement from ${brand.name}.`;
export const UNSUBSCRIBE_LABEL = `Unsubscribe from ${brand.name} emails`;

export function UnsubscribeFooter({
  reason,
  unsubscribeUrl,
  advertising,
  postalAddress,
}: UnsubscribeFooterProps) {
  return (
    <Section data-unsubscribe-footer="true" style={{ paddingTop: space.md }}>
      <Text style={small}>{reason}</Text>
      {unsubscribeUrl ? (
        <Text style={small}>
          <Link href={unsubscribeUrl} style={{ color: colors.link, textDecoration: "underline" }}>
            {UNSUBSCRIBE_LABEL}
          </Link>{" "}
          (one click, no login needed).
        </Text>
      ) : null}
      {advertising ? <Text style={small}>{ADVERTISING_NOTICE}</Text> : null}
      <Text style={small}>{postalAddress}</Text>
    </Section>
  );
}

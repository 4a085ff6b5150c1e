// Real text, body size or larger, never hidden (safety rule 3). Layout renders both pieces on every email.
// The box keeps its emphasis where a client darkens or inverts colours on its own (Gmail apps, Samsung): a full
// border and a bold lead line survive any colour change, a pale tint does not.
import { Link, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { Box } from "./box.tsx";
import {
  CRISIS_BANNER,
  CRISIS_FOOTER,
  CRISIS_TAPS,
  type CrisisLine,
  crisisRegion,
  HOPE_LINE,
} from "./crisis-lines.ts";
import { cls } from "./styles.ts";
import { colors, fontSizes, layout, lineHeights, linkText as link, space, typeface } from "./theme.ts";

/** One crisis line: also the crisis auto-reply's lines, which come before its message. */
export const crisisLineText = {
  ...typeface,
  color: colors.text,
  fontSize: fontSizes.body,
  lineHeight: lineHeights.body,
  margin: `0 0 ${space.xs}`,
};

/**
 * The crisis surface: tinted, with a full border (or, as the banner at the very top, a lower edge) that survives
 * a client's own darkening. `marker` names the box for the send gate; the auto-reply's copy of the lines has none.
 */
export function CrisisBox({
  marker,
  banner = false,
  children,
}: {
  marker?: "crisis-footer" | "crisis-banner";
  banner?: boolean;
  children: ReactNode;
}) {
  const edge = `${layout.crisisBorder} solid ${colors.crisisBorder}`;
  return (
    <Box
      {...(marker ? { marker } : {})}
      className={cls.crisis}
      style={{
        backgroundColor: colors.crisisBackground,
        ...(banner
          ? {
              borderBottom: edge,
              borderRadius: `${layout.radius} ${layout.radius} 0 0`,
              padding: `${space.sm} ${space.md}`,
            }
          : { border: edge, borderRadius: layout.radius, padding: space.md }),
      }}
    >
      {children}
    </Box>
  );
}

/** One crisis line with its link, if it has one. */
export function CrisisLineItem({ line, bold = false }: { line: CrisisLine; bold?: boolean }) {
  return (
    <Text className={cls.text} style={bold ? { ...crisisLineText, fontWeight: 700 } : crisisLineText}>
      {line.text}
      {line.link ? (
        <>
          {" "}
          <Link className={cls.link} href={line.link.href} style={link}>
            {line.link.label}
          </Link>
          .
        </>
      ) : null}
    </Text>
  );
}

export function CrisisFooter({ country }: { country?: string | null | undefined }) {
  const region = crisisRegion(country);
  const footer = CRISIS_FOOTER[region];
  const [lead, ...rest] = footer.lines;
  return (
    <CrisisBox marker="crisis-footer">
      <Text className={cls.text} style={{ ...crisisLineText, fontWeight: 700, fontSize: fontSizes.h3 }}>
        {footer.heading}
      </Text>
      <Text className={cls.text} style={crisisLineText}>
        {HOPE_LINE}
      </Text>
      {lead ? <CrisisLineItem line={lead} bold /> : null}
      {/* Tap targets: a phone dials or opens a text message to the line directly. */}
      <Text className={cls.text} style={{ ...crisisLineText, margin: `0 0 ${space.sm}` }}>
        {CRISIS_TAPS[region].map((tap, i) => (
          <span key={tap.href}>
            {i > 0 ? " · " : null}
            <Link className={cls.link} href={tap.href} style={{ ...link, fontWeight: 700 }}>
              {tap.label}
            </Link>
          </span>
        ))}
      </Text>
      {rest.map((line) => (
        <CrisisLineItem key={line.text} line={line} />
      ))}
    </CrisisBox>
  );
}

/** One line at the very top, before the brand header, in the HTML and the plain text alike. */
export function CrisisBanner({ country }: { country?: string | null | undefined }) {
  return (
    <CrisisBox marker="crisis-banner" banner>
      <Text className={cls.text} style={{ ...crisisLineText, fontWeight: 700, margin: 0 }}>
        {CRISIS_BANNER[crisisRegion(country)]}
      </Text>
    </CrisisBox>
  );
}

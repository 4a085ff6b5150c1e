// Real text, body size or larger, never hidden (safety rule 3). Layout renders both pieces on every email.
// The box keeps its emphasis where a client darkens or inverts colours on its own (Gmail apps, Samsung): a full
// border and a bold lead line survive any colour change, a pale tint does not.
import { Link, Text } from "@react-email/components";
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
import { colors, fontSizes, layout, lineHeights, space, typeface } from "./theme.ts";

/** One crisis line: also the crisis auto-reply's lines, which come before its message. */
export const crisisLineText = {
  ...typeface,
  color: colors.text,
  fontSize: fontSizes.body,
  lineHeight: lineHeights.body,
  margin: `0 0 ${space.xs}`,
};
const link = { ...typeface, color: colors.link, textDecoration: "underline" };

function Line({ line, bold = false }: { line: CrisisLine; bold?: boolean }) {
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
    <Box
      marker="crisis-footer"
      className={cls.crisis}
      style={{
        backgroundColor: colors.crisisBackground,
        border: `${layout.crisisBorder} solid ${colors.crisisBorder}`,
        borderRadius: layout.radius,
        padding: space.md,
      }}
    >
      <Text className={cls.text} style={{ ...crisisLineText, fontWeight: 700, fontSize: fontSizes.h3 }}>
        {footer.heading}
      </Text>
      <Text className={cls.text} style={crisisLineText}>
        {HOPE_LINE}
      </Text>
      {lead ? <Line line={lead} bold /> : null}
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
        <Line key={line.text} line={line} />
      ))}
    </Box>
  );
}

/** One line at the very top, before the brand header, in the HTML and the plain text alike. */
export function CrisisBanner({ country }: { country?: string | null | undefined }) {
  return (
    <Box
      marker="crisis-banner"
      className={cls.crisis}
      style={{
        backgroundColor: colors.crisisBackground,
        borderBottom: `${layout.crisisBorder} solid ${colors.crisisBorder}`,
        borderRadius: `${layout.radius} ${layout.radius} 0 0`,
        padding: `${space.sm} ${space.md}`,
      }}
    >
      <Text className={cls.text} style={{ ...crisisLineText, fontWeight: 700, margin: 0 }}>
        {CRISIS_BANNER[crisisRegion(country)]}
      </Text>
    </Box>
  );
}

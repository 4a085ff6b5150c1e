// Real text, body size or larger, never hidden (safety rule 3). Layout renders both pieces on every email.
import { Link, Section, Text } from "@react-email/components";
import { CRISIS_BANNER, CRISIS_FOOTER, type CrisisLine, crisisRegion, HOPE_LINE } from "./crisis-lines.ts";
import { colors, fontSizes, layout, lineHeights, space } from "./theme.ts";

const text = {
  color: colors.text,
  fontSize: fontSizes.body,
  lineHeight: lineHeights.body,
  margin: `0 0 ${space.xs}`,
};

function Line({ line }: { line: CrisisLine }) {
  return (
    <Text style={text}>
      {line.text}
      {line.link ? (
        <>
          {" "}
          <Link href={line.link.href} style={{ color: colors.link, textDecoration: "underline" }}>
            {line.link.label}
          </Link>
          .
        </>
      ) : null}
    </Text>
  );
}

export function CrisisFooter({ country }: { country?: string | null | undefined }) {
  const footer = CRISIS_FOOTER[crisisRegion(country)];
  return (
    <Section
      data-crisis-footer="true"
      style={{
        backgroundColor: colors.crisisBackground,
        borderLeft: `4px solid ${colors.crisisBorder}`,
        borderRadius: layout.radius,
        padding: space.md,
        margin: `${space.lg} 0`,
      }}
    >
      <Text style={{ ...text, fontWeight: 700, fontSize: fontSizes.h3 }}>{footer.heading}</Text>
      <Text style={text}>{HOPE_LINE}</Text>
      {footer.lines.map((line) => (
        <Line key={line.text} line={line} />
      ))}
    </Section>
  );
}

/** One line at the very top, before the brand header, in the HTML and the plain text alike. */
export function CrisisBanner({ country }: { country?: string | null | undefined }) {
  return (
    <Text
      style={{
        ...text,
        backgroundColor: colors.crisisBackground,
        padding: `${space.sm} ${space.md}`,
        margin: 0,
      }}
    >
      {CRISIS_BANNER[crisisRegion(country)]}
    </Text>
  );
}

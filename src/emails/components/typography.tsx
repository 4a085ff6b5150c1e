import { Heading as REHeading, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { cls } from "./styles.ts";
import { colors, fontSizes, lineHeights, space, typeface } from "./theme.ts";

const headingStyle = {
  ...typeface,
  color: colors.text,
  lineHeight: lineHeights.heading,
  margin: `0 0 ${space.md}`,
};

/** Page title. Exactly one per email so headings stay in order (safety rule 18). */
export function Title({ children }: { children: ReactNode }) {
  return (
    <REHeading as="h1" className={cls.text} style={{ ...headingStyle, fontSize: fontSizes.h1 }}>
      {children}
    </REHeading>
  );
}

export function Subheading({ children }: { children: ReactNode }) {
  return (
    <REHeading
      as="h2"
      className={cls.text}
      style={{ ...headingStyle, fontSize: fontSizes.h2, margin: `${space.lg} 0 ${space.sm}` }}
    >
      {children}
    </REHeading>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return (
    <Text
      className={muted ? cls.muted : cls.text}
      style={{
        ...typeface,
        color: muted ? colors.muted : colors.text,
        fontSize: fontSizes.body,
        lineHeight: lineHeights.body,
        margin: `0 0 ${space.md}`,
      }}
    >
      {children}
    </Text>
  );
}

/**
 * "Hi Sam," or "Hello," when no name is known. The name is printed verbatim so a campaign can render once
 * with a placeholder such as %%FIRST_NAME%% and substitute per recipient.
 */
export function Greeting({ firstName }: { firstName?: string | null | undefined }) {
  const name = firstName?.trim();
  return <Paragraph>{name ? `Hi ${name},` : "Hello,"}</Paragraph>;
}

/**
 * The last line of an email that hands the reader a choice (unsubscribed, back from a break): whatever they
 * choose, it points them to the crisis lines the layout prints below.
 */
export function SupportSignOff() {
  return (
    <Paragraph>Whatever you decide, please look after yourself. Support is always available below.</Paragraph>
  );
}

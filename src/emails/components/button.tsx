import { Button as REButton, Section } from "@react-email/components";
import { colors, fontSizes, layout, space } from "./theme.ts";

/** A call-to-action link styled as a button; the label must describe where it goes (no "click here"). */
export function Button({ href, children }: { href: string; children: string }) {
  return (
    <Section style={{ margin: `${space.md} 0 ${space.lg}` }}>
      <REButton
        href={href}
        style={{
          backgroundColor: colors.brand,
          borderRadius: layout.radius,
          color: colors.buttonText,
          fontSize: fontSizes.body,
          fontWeight: 600,
          padding: "12px 22px",
          textDecoration: "none",
        }}
      >
        {children}
      </REButton>
    </Section>
  );
}

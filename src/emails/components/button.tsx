import { Button as REButton } from "@react-email/components";
import { Box } from "./box.tsx";
import { cls } from "./styles.ts";
import { colors, fontSizes, layout, space, typeface } from "./theme.ts";

/** A call-to-action link styled as a button; the label must describe where it goes (no "click here"). */
export function Button({ href, children }: { href: string; children: string }) {
  return (
    <Box style={{ padding: `${space.sm} 0 ${space.lg}` }}>
      <REButton
        href={href}
        className={cls.button}
        style={{
          ...typeface,
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
    </Box>
  );
}

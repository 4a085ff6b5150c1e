// The frame of every email. It renders the crisis banner, crisis footer, attribution and unsubscribe footer
// itself from required props, so an email built on Layout cannot leave any of them out.
import { Body, Head, Html, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { createElement } from "react";
import { contentLang, type EmailContext } from "../types.ts";
import { Attribution, type AttributionProps } from "./attribution.tsx";
import { Box } from "./box.tsx";
import { CrisisBanner, CrisisFooter } from "./crisis-footer.tsx";
import { MSO_CLOSE_TAG, MSO_OPEN_TAG } from "./outlook.ts";
import { Preheader } from "./preheader.tsx";
import { cls, STYLESHEET } from "./styles.ts";
import { brand, colors, fontSizes, layout, space, typeface } from "./theme.ts";
import { type FooterLinks, UnsubscribeFooter, type UnsubscribeFooterProps } from "./unsubscribe-footer.tsx";

export interface LayoutProps {
  ctx: EmailContext;
  /** The `<title>`; normally the subject line. */
  title: string;
  preheader: string;
  attribution: AttributionProps;
  footer: FooterLinks & Pick<UnsubscribeFooterProps, "reason" | "advertising">;
  children: ReactNode;
}

export function Layout({ ctx, title, preheader, attribution, footer, children }: LayoutProps) {
  return (
    <Html lang={contentLang(ctx.locale)} dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{STYLESHEET}</style>
      </Head>
      <Body
        className={cls.body}
        style={{ backgroundColor: colors.background, margin: 0, padding: 0, ...typeface }}
      >
        <Preheader text={preheader} />
        {/* The page colour is repeated on a full-width table: some clients drop <body> styles. */}
        <Box className={cls.body} style={{ backgroundColor: colors.background, padding: `${space.md} 0` }}>
          {createElement(MSO_OPEN_TAG)}
          <table
            role="presentation"
            align="center"
            width="100%"
            cellPadding={0}
            cellSpacing={0}
            border={0}
            style={{ maxWidth: layout.maxWidth, width: "100%", margin: "0 auto" }}
          >
            <tbody>
              <tr>
                <td
                  className={cls.surface}
                  style={{ backgroundColor: colors.surface, borderRadius: layout.radius, padding: 0 }}
                >
                  <CrisisBanner country={ctx.country} />
                  <Box className={cls.gutter} style={{ padding: `${space.lg} ${space.lg} ${space.md}` }}>
                    <Text
                      className={cls.brand}
                      style={{
                        ...typeface,
                        color: colors.brandDark,
                        fontSize: fontSizes.h2,
                        fontWeight: 700,
                        lineHeight: "28px",
                        margin: `0 0 ${space.lg}`,
                      }}
                    >
                      {brand.name}
                    </Text>
                    {children}
                    <Attribution {...attribution} />
                    <CrisisFooter country={ctx.country} />
                    <UnsubscribeFooter {...footer} postalAddress={ctx.postalAddress} appUrl={ctx.appUrl} />
                  </Box>
                </td>
              </tr>
            </tbody>
          </table>
          {createElement(MSO_CLOSE_TAG)}
        </Box>
      </Body>
    </Html>
  );
}

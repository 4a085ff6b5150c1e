// The frame of every email. It renders the crisis banner, crisis footer, attribution and unsubscribe footer
// itself from required props, so an email built on Layout cannot leave any of them out.
import { Body, Container, Head, Html, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { contentLang, type EmailContext } from "../types.ts";
import { Attribution, type AttributionProps } from "./attribution.tsx";
import { CrisisBanner, CrisisFooter } from "./crisis-footer.tsx";
import { Preheader } from "./preheader.tsx";
import { brand, colors, fontSizes, fonts, layout, space } from "./theme.ts";
import { UnsubscribeFooter, type UnsubscribeFooterProps } from "./unsubscribe-footer.tsx";

export interface LayoutProps {
  ctx: EmailContext;
  /** The `<title>`; normally the subject line. */
  title: string;
  preheader: string;
  attribution: AttributionProps;
  footer: Omit<UnsubscribeFooterProps, "postalAddress">;
  children: ReactNode;
}

export function Layout({ ctx, title, preheader, attribution, footer, children }: LayoutProps) {
  return (
    <Html lang={contentLang(ctx.locale)} dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Body
        style={{
          backgroundColor: colors.background,
          fontFamily: fonts.body,
          margin: 0,
          padding: `${space.md} 0`,
        }}
      >
        <Preheader text={preheader} />
        <Container
          style={{
            backgroundColor: colors.surface,
            borderRadius: layout.radius,
            maxWidth: layout.maxWidth,
            margin: "0 auto",
          }}
        >
          <CrisisBanner country={ctx.country} />
          <Section style={{ padding: `${space.lg} ${space.lg} 0` }}>
            <Text
              style={{
                color: colors.brandDark,
                fontSize: fontSizes.h2,
                fontWeight: 700,
                margin: `0 0 ${space.lg}`,
              }}
            >
              {brand.name}
            </Text>
            {children}
            <Attribution {...attribution} />
            <CrisisFooter country={ctx.country} />
            <UnsubscribeFooter {...footer} postalAddress={ctx.postalAddress} />
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

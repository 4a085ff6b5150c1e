// Design tokens shared by every email. Colours are chosen for at least 4.5:1 contrast on their background
// (safety rule 18); the crisis footer uses the body font size on purpose: it must never be smaller than body text.
export const colors = {
  brand: "#1f5f5b",
  brandDark: "#164643",
  text: "#1f2933",
  muted: "#4b5563",
  background: "#f4f6f5",
  surface: "#ffffff",
  border: "#d9e0de",
  crisisBackground: "#fff7e6",
  crisisBorder: "#b45309",
  link: "#1f5f5b",
  buttonText: "#ffffff",
} as const;

/**
 * Deliberate dark-mode colours, applied by the `prefers-color-scheme: dark` rules in styles.ts (Apple Mail,
 * Outlook for Mac and iOS, Samsung in its own dark mode). Each text colour is at least 4.5:1 on its background.
 * Clients that darken on their own (Gmail apps, Outlook.com) ignore these; the crisis box keeps its full border
 * and bold lead line there.
 */
export const darkColors = {
  text: "#e7ecea",
  muted: "#c2ccc8",
  background: "#0f1413",
  surface: "#182120",
  border: "#3b4a46",
  crisisBackground: "#2b2216",
  crisisBorder: "#f2a65a",
  link: "#8fd6cc",
  brand: "#8fd6cc",
  button: "#8fd6cc",
  buttonText: "#0f1413",
} as const;

export const fonts = {
  body: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
} as const;

/**
 * On every text style: Outlook for Windows falls back to Times New Roman inside nested tables unless each
 * element names its font, and stretches line-height unless told the rule is exact.
 */
export const typeface = { fontFamily: fonts.body, msoLineHeightRule: "exactly" } as const;

/** For printed URLs: a 190-character signed link must wrap on a 375 px phone instead of widening the email. */
export const breakAnywhere = { wordBreak: "break-all" } as const;

/** A link inside text: underlined as well as coloured, so it reads as a link without colour (safety rule 18). */
export const linkText = { ...typeface, color: colors.link, textDecoration: "underline" } as const;

export const fontSizes = {
  /** Body copy; also the floor for the crisis footer. */
  body: "16px",
  small: "14px",
  h1: "26px",
  h2: "20px",
  h3: "17px",
} as const;

export const lineHeights = { body: "26px", heading: "1.3" } as const;

export const space = { xs: "4px", sm: "8px", md: "16px", lg: "24px", xl: "32px" } as const;

export const layout = { maxWidth: "600px", width: 600, radius: "8px", crisisBorder: "2px" } as const;

export const brand = { name: "Hopemark Health" } as const;

/** Footer-sized muted text: the sources list and the unsubscribe footer. */
export const smallText = {
  ...typeface,
  color: colors.muted,
  fontSize: fontSizes.small,
  lineHeight: "22px",
  margin: `0 0 ${space.sm}`,
} as const;

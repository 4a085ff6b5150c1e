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

export const fonts = {
  body: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
} as const;

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

export const layout = { maxWidth: "600px", radius: "8px" } as const;

export const brand = { name: "Hopemark Health" } as const;

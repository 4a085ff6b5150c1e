// Crisis line copy by country, as data so the top banner, the footer and the tests agree (safety rules 1-3).
// Sources: samhsa.gov 988 guidance, veteranscrisisline.net, 988lifeline.org, 988.ca, samaritans.org.

export type CrisisRegion = "US" | "CA" | "GB_IE" | "OTHER";

const ALIASES: Record<string, string> = { UK: "GB" };

/** Known countries get their own line; anything else (including no country) gets the US line plus a note. */
export function crisisRegion(country: string | null | undefined): CrisisRegion {
  const code = (country ?? "").trim().toUpperCase();
  const normalised = ALIASES[code] ?? code;
  if (normalised === "US") return "US";
  if (normalised === "CA") return "CA";
  if (normalised === "GB" || normalised === "IE") return "GB_IE";
  return "OTHER";
}

export type CrisisLine = { text: string; link?: { href: string; label: string } };

const US_LINES: CrisisLine[] = [
  { text: "Call or text 988 to reach the 988 Suicide & Crisis Lifeline: free, confidential, 24/7." },
  { text: "Chat online at", link: { href: "https://988lifeline.org", label: "988lifeline.org" } },
  { text: "Call 911 if you are in immediate danger." },
  { text: "Veterans: dial 988 then press 1, or text 838255." },
  { text: "En español: call 988 then press 2, or text AYUDA to 988." },
];

export const CRISIS_FOOTER: Record<CrisisRegion, { heading: string; lines: CrisisLine[] }> = {
  US: { heading: "If you need support right now", lines: US_LINES },
  OTHER: {
    heading: "If you need support right now",
    lines: [
      ...US_LINES,
      { text: "If you are outside the US, contact your local emergency number or a local crisis line." },
    ],
  },
  CA: {
    heading: "If you need support right now",
    lines: [
      { text: "Call or text 9-8-8 to reach 9-8-8: Suicide Crisis Helpline, any time, day or night." },
      { text: "Learn more at", link: { href: "https://988.ca", label: "988.ca" } },
      { text: "Call 911 if you are in immediate danger." },
    ],
  },
  GB_IE: {
    heading: "If you need support right now",
    lines: [
      { text: "Call Samaritans free on 116 123, any time, day or night." },
      { text: "Visit", link: { href: "https://www.samaritans.org", label: "samaritans.org" } },
      { text: "If you are in immediate danger, call 999 or 112." },
    ],
  },
};

/** Links a phone opens straight into a call or a text message to the line (the numbers also appear as text). */
export const CRISIS_TAPS: Record<CrisisRegion, { label: string; href: string }[]> = {
  US: [
    { label: "Call 988", href: "tel:988" },
    { label: "Text 988", href: "sms:988" },
  ],
  OTHER: [
    { label: "Call 988 (US)", href: "tel:988" },
    { label: "Text 988 (US)", href: "sms:988" },
  ],
  // Canada's 9-8-8 is dialled and texted as 988.
  CA: [
    { label: "Call 9-8-8", href: "tel:988" },
    { label: "Text 9-8-8", href: "sms:988" },
  ],
  GB_IE: [{ label: "Call Samaritans on 116 123", href: "tel:116123" }],
};

/** The one-line version shown at the very top of every email (the first thing a reader in crisis sees). */
export const CRISIS_BANNER: Record<CrisisRegion, string> = {
  US: "Are you in crisis? Call or text 988, or call 911 if you are in immediate danger.",
  OTHER: "Are you in crisis? In the US, call or text 988. Elsewhere, contact your local emergency number.",
  CA: "Are you in crisis? Call or text 9-8-8, or call 911 if you are in immediate danger.",
  GB_IE: "Need to talk? Call Samaritans free on 116 123, any time. In an emergency, call 999 or 112.",
};

/** Hope comes first (safe messaging guidance): every footer opens with it. */
export const HOPE_LINE = "You are not alone, and help is available. Reaching out is a sign of strength.";

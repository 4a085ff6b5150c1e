// caniemail.com's support data (the `caniemail` package), read for the five client families most of our readers
// use. A feature a client does not support at all fails the check unless it is on ALLOWED below, with the reason
// it is harmless for us; partial support is reported, not failed.
import { caniemail, rawData } from "caniemail";

type EmailClientGlobs = Parameters<typeof caniemail>[0]["clients"][number];

export const FAMILIES = {
  Gmail: "gmail.*",
  Outlook: "outlook.*",
  "Apple Mail": "apple-mail.*",
  Yahoo: "yahoo.*",
  Samsung: "samsung-email.*",
} as const satisfies Record<string, EmailClientGlobs>;

export type Family = keyof typeof FAMILIES;

/**
 * Unsupported features we use on purpose. Each entry says why the email still reads right where it is ignored.
 * Keep this short: anything new here needs a reason a reviewer can check.
 */
export const ALLOWED: Record<string, string> = {
  "color-scheme meta tag":
    "A hint for clients that honour it; where it is ignored the light design is shown, which is fully legible.",
  "target attribute":
    "React Email's Markdown links carry target=_blank; clients that drop it open the link in the same way anyway.",
  "display:none":
    "Only the hidden preheader uses it; where it is ignored, max-height:0, opacity:0 and mso-hide keep it hidden.",
  opacity: "Only the hidden preheader uses it, next to display:none and max-height:0.",
  "@media":
    "Only the dark-mode and narrow-screen refinements are in media queries; without them the inline light, fluid layout is shown.",
  "prefers-color-scheme":
    "Dark-mode refinements only; clients without it show the light design or apply their own inversion, which the crisis box survives (full border, bold lead line).",
  "<style> element":
    "Holds only the dark-mode and narrow-screen refinements; every style needed to read the email is inline.",
  "Conditional comments": "Outlook-only 600 px wrapper; every other client ignores it by design.",
  "mso-hide": "Outlook-only property on the preheader; other clients hide it with display:none.",
  "color-scheme CSS property":
    "Same hint as the meta tag, in the dark-mode sheet; ignored means the light design.",
  "<body> element":
    "Body styles are repeated on a full-width wrapper table, so a client that drops <body> still shows the page colour and font.",
  "text-decoration-line":
    "Underline choices on links and the button are cosmetic; links stay coloured where it is ignored.",
  "role attribute":
    "role=presentation on layout tables helps screen readers; clients that drop it read the tables as before.",
  overflow: "Only the hidden preheader uses it, next to display:none and mso-hide:all.",
  "max-height property": "Only the hidden preheader uses it, next to display:none and mso-hide:all.",
  "border-radius": "Rounded corners are cosmetic; Outlook for Windows draws square ones.",
  "word-break":
    "Lets long printed links wrap on phones; Outlook apps that ignore it show the link on a wider line, still tappable.",
  "word-wrap":
    "Same as word-break, on Markdown links; ignored means a long link may not wrap in that client.",
};

export interface FamilyFindings {
  /** Unsupported, not allowed: these fail the check. */
  errors: string[];
  /** Unsupported but allowed, with the reason. */
  allowed: string[];
  /** Partially supported (reported only). */
  partial: string[];
}

// A few features lack data for some clients (word-wrap on Gmail for iOS, say), and caniemail then throws instead
// of answering. Mark those as unknown ("u"), which it reports as partial support: listed, never silently passed.
const known = rawData as unknown as {
  data: { stats: Record<string, Record<string, Record<string, string>>> }[];
};
const PLATFORMS = [
  "android",
  "ios",
  "desktop-webmail",
  "mobile-webmail",
  "macos",
  "windows",
  "windows-mail",
  "outlook-com",
];
for (const provider of Object.values(FAMILIES).map((glob) => glob.split(".")[0] ?? "")) {
  for (const feature of known.data) {
    for (const platform of PLATFORMS) {
      if (feature.stats[provider]?.[platform]) continue;
      // Only platforms this provider has for some other feature (a client caniemail knows).
      if (!known.data.some((f) => f.stats[provider]?.[platform])) continue;
      feature.stats[provider] ??= {};
      (feature.stats[provider] as Record<string, Record<string, string>>)[platform] = { "0": "u" };
    }
  }
}

/** Unique feature titles per client family for one HTML document. */
export function clientFindings(html: string): Record<Family, FamilyFindings> {
  const out = {} as Record<Family, FamilyFindings>;
  for (const [family, glob] of Object.entries(FAMILIES) as [Family, EmailClientGlobs][]) {
    const { issues } = caniemail({ clients: [glob], html });
    const titles = (map: typeof issues.errors) =>
      [...new Set([...map.values()].flat().map((i) => i.title))].sort();
    const none = titles(issues.errors);
    out[family] = {
      errors: none.filter((t) => !(t in ALLOWED)),
      allowed: none.filter((t) => t in ALLOWED),
      partial: titles(issues.warnings),
    };
  }
  return out;
}

// What every mail client needs from the HTML and what a plain-text reader needs from the text part (issue 10):
// Outlook-safe structure, deliberate dark mode, a crisis box that survives forced darkening, real-length links in
// previews, and text wrapped for reading.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentFromDisk } from "../../src/content/node.ts";
import { emailSamples } from "../../src/emails/catalog.ts";
import {
  PREVIEW_ISSUED_AT,
  PREVIEW_SUBSCRIBER_ID,
  PREVIEW_TOKEN_SECRET,
  previewConfirmUrl,
  previewUnsubscribeUrl,
} from "../../src/emails/preview-data.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { verifyToken } from "../../src/lib/tokens.ts";
import { between } from "./helpers.ts";

const content = loadContentFromDisk();
const COUNTRIES = ["US", "CA", "GB", "IE", null] as const;
const samples = COUNTRIES.flatMap((country) =>
  emailSamples(content, { country }).map((s) => [`${s.name} ${country ?? "none"}`, s, country] as const),
);

const tags = (html: string, name: string) => html.match(new RegExp(`<${name}\\b[^>]*>`, "g")) ?? [];
const styleOf = (tag: string) => /\bstyle="([^"]*)"/.exec(tag)?.[1] ?? "";

describe("previews use real signed links", () => {
  it("the preview confirm and unsubscribe links verify and are as long as real ones", async () => {
    const token = (url: string) => new URL(url).searchParams.get("token");
    expect(
      await verifyToken(PREVIEW_TOKEN_SECRET, "confirm", token(previewConfirmUrl), PREVIEW_ISSUED_AT),
    ).toEqual({
      ok: true,
      subscriberId: PREVIEW_SUBSCRIBER_ID,
    });
    expect(await verifyToken(PREVIEW_TOKEN_SECRET, "unsubscribe", token(previewUnsubscribeUrl))).toEqual({
      ok: true,
      subscriberId: PREVIEW_SUBSCRIBER_ID,
    });
    expect(previewConfirmUrl.length).toBeGreaterThan(180);
  });
});

describe.each(samples)("%s", (_name, sample, country) => {
  let html = "";
  let text = "";
  beforeAll(async () => {
    ({ html, text } = await renderEmail(sample.templateId, sample.props));
  });

  it("lays out at the phone's width, and in a fixed 600 px table for Outlook for Windows", () => {
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
    expect(html).toMatch(
      /<!--\[if mso\]><table role="presentation" align="center" width="600"[^>]*><tr><td><!\[endif\]-->/,
    );
    expect(html).toContain("<!--[if mso]></td></tr></table><![endif]-->");
  });

  it("puts padding on table cells only (Outlook ignores it on <table> and <p>)", () => {
    for (const tag of [...tags(html, "table"), ...tags(html, "p")])
      expect(styleOf(tag)).not.toMatch(/padding/);
  });

  it("names the font, and Outlook's exact line-height rule, on every element that sets text styles", () => {
    for (const tag of ["p", "h1", "h2", "h3", "li", "a"].flatMap((t) => tags(html, t))) {
      const style = styleOf(tag);
      if (!/font-size|color:/.test(style)) continue;
      expect(style, tag).toContain("font-family:");
      if (style.includes("line-height")) expect(style, tag).toContain("mso-line-height-rule:exactly");
    }
  });

  it("declares dark mode and styles it deliberately", () => {
    expect(html).toContain('<meta name="color-scheme" content="light dark"');
    expect(html).toMatch(
      /@media \(prefers-color-scheme:dark\)\{[^<]*\.hm-cr\{background-color:#2b2216!important;border-color:#f2a65a!important\}/,
    );
  });

  it("hides the preheader in Outlook too, with no text colour (SpamAssassin's low-contrast rule)", () => {
    const preheader = styleOf(tags(html, "div").find((t) => t.includes("data-preheader")) ?? "");
    expect(preheader).toContain("mso-hide:all");
    expect(preheader).not.toMatch(/(^|;)color:/);
  });

  it("draws the crisis box with a full border, a bold lead line and the country's tap-to-call links", () => {
    const box = between(html, 'data-crisis-footer="true"', 'data-unsubscribe-footer="true"');
    expect(styleOf(tags(box, "td")[0] ?? "")).toMatch(/(^|;)border:2px solid #b45309/);
    expect(styleOf(tags(box, "p")[2] ?? "")).toContain("font-weight:700");
    if (country === "US" || country === null) {
      expect(box).toContain('href="tel:988"');
      expect(box).toContain('href="sms:988"');
    }
    if (country === "GB" || country === "IE") expect(box).toContain('href="tel:116123"');
  });

  it("links the privacy notice from the footer, and does not promise a one-click visible link", () => {
    expect(html).not.toContain("one click, no login needed");
    expect(html).toContain(`href="${sample.props.ctx.appUrl}/privacy"`);
    expect(text.replace(/\s+/g, " ")).toContain(`Privacy notice ${sample.props.ctx.appUrl}/privacy`);
  });

  it("has plain text for reading: wrapped (a URL may stand alone), one blank line at most, each link once", () => {
    for (const line of text.split("\n")) {
      if (line.length > 78) expect(line.trim(), "long line").toMatch(/^https?:\/\/\S+$/);
    }
    expect(text).not.toMatch(/\n\s*\n\s*\n/);
    expect(text).not.toContain("988lifeline.org https://988lifeline.org");
    expect(text).not.toMatch(/tel:|sms:/);
  });
});

describe("campaign templates", () => {
  it('the "read more" sentence links somewhere real', () => {
    const template = content.campaignTemplates.find((t) => t.id === "questions-for-your-clinician");
    expect(template?.body).toMatch(/read more[^\n]*\n?[^\n]*\]\(https:\/\/www\.nimh\.nih\.gov\/[^)]+\)/);
  });
});

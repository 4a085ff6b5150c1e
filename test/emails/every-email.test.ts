// The acceptance test for issue 3: every registered template and every lesson and campaign file, in several
// locales and countries, carries the crisis footer, the attribution, the postal address and (marketing) the
// unsubscribe link, in both HTML and plain text; and passes the send gate.
import { describe, expect, it } from "vitest";
import { loadContentFromDisk } from "../../src/content/node.ts";
import { emailSamples } from "../../src/emails/catalog.ts";
import { crisisRegion } from "../../src/emails/components/crisis-lines.ts";
import { TEMPLATE_IDS } from "../../src/emails/registry.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { contentLang } from "../../src/emails/types.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import { between, toMessage } from "./helpers.ts";

const content = loadContentFromDisk();
const POSTAL = "Hopemark Health, 9 Footer Test Road, Checkton, CT 01234, USA";
const COUNTRIES = ["US", "CA", "GB", "IE", "DE", null] as const;
const LOCALES = ["en", "en-GB", "de"] as const;
const MAX_HTML_BYTES = 102 * 1024;

const flat = (s: string) => s.replace(/\s+/g, " ");

/** Asserts without dumping a whole email into the failure message. */
function expectIn(value: string, pattern: RegExp | string, label: string, present = true) {
  const found = typeof pattern === "string" ? value.includes(pattern) : pattern.test(value);
  expect(found, `${label}: ${present ? "expected" : "did not expect"} ${String(pattern)}`).toBe(present);
}

const baseSamples = emailSamples(content);

describe("the catalogue", () => {
  it("covers every registered template and every lesson file", () => {
    const names = baseSamples.map((s) => s.name);
    for (const id of TEMPLATE_IDS) expect(names).toContain(id);
    expect(content.lessons.length).toBeGreaterThanOrEqual(5);
    for (const lesson of content.lessons) expect(names.some((n) => n.endsWith(`-${lesson.id}`))).toBe(true);
    for (const campaign of content.campaignTemplates) expect(names).toContain(`campaign-${campaign.id}`);
    // The break's welcome-back note (issue 14) is marketing mail like the lessons.
    expect(names).toContain("welcome-back");
  });
});

describe.each(COUNTRIES.flatMap((country) => LOCALES.map((locale) => ({ country, locale }))))(
  "country $country, locale $locale",
  ({ country, locale }) => {
    const samples = emailSamples(content, { country, locale, postalAddress: POSTAL });

    it.each(samples.map((s) => [s.name, s] as const))("%s", async (_name, sample) => {
      const rendered = await renderEmail(sample.templateId, sample.props);
      const { html, text } = rendered;
      const parts = { html: flat(html), text: flat(text) };
      const region = crisisRegion(country);

      for (const [part, value] of Object.entries(parts)) {
        // Crisis footer, matched to the country.
        if (region === "US" || region === "OTHER") {
          expectIn(value, /Call or text 988/, `${part}: 988`);
          expectIn(value, "988lifeline.org", part);
          expectIn(value, /call 911 if you are in immediate danger/i, part);
          expectIn(value, /Veterans: dial 988 then press 1, or text 838255/, part);
          expectIn(value, /988 then press 2, or text AYUDA to 988/, part);
        }
        if (region === "OTHER") {
          expectIn(value, /outside the US, contact your local emergency number/, part);
        } else {
          expectIn(value, /outside the US/, part, false);
        }
        if (region === "CA") {
          expectIn(value, /Call or text 9-8-8/, part);
          expectIn(value, /call or text 988\b|988 Suicide & Crisis Lifeline/i, part, false);
        }
        if (region === "GB_IE") {
          expectIn(value, /Samaritans free on 116 123/, part);
          expectIn(value, /call or text 988\b|988 Suicide & Crisis Lifeline/i, part, false);
        }
        // Attribution: author and role on content, the sender on transactional email; disclosures.
        if (sample.templateId === "lesson" || sample.templateId === "campaign") {
          const { author } = sample.props as { author: { name: string; role: string; disclosure?: string } };
          expectIn(value, `Written by ${author.name}, ${author.role}.`, part);
          if (author.disclosure) expectIn(value, author.disclosure, part);
        } else {
          const sender = content.sender;
          expectIn(value, `Sent by ${sender.name}, ${sender.role}.`, part);
          if (sender.disclosure) expectIn(value, sender.disclosure, part);
        }
        expectIn(value, POSTAL, `${part}: postal address`);
      }

      // Marketing email: a visible unsubscribe link in HTML, its URL in the text.
      if (rendered.kind === "marketing") {
        const url = (sample.props as { unsubscribeUrl: string }).unsubscribeUrl;
        expectIn(
          html,
          new RegExp(
            `<a[^>]*href="${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>Unsubscribe from Hopemark Health emails</a>`,
          ),
          "html",
        );
        // The URL stands on a line of its own in the wrapped text part (a long URL cannot wrap).
        expectIn(parts.text, `Unsubscribe from Hopemark Health emails ${url}`, "text");
        // And "Manage preferences" (issue 14), on the same never-expiring token.
        const prefs = (sample.props as { preferencesUrl: string }).preferencesUrl;
        expect(prefs).toBe(url.replace("/unsubscribe?", "/preferences?"));
        expectIn(
          html,
          new RegExp(
            `<a[^>]*href="${prefs.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>Manage preferences</a>`,
          ),
          "html: manage preferences",
        );
        expectIn(parts.text, `Manage preferences ${prefs}`, "text: manage preferences");
      } else {
        expectIn(html, "Manage preferences", "transactional html", false);
      }
      if (sample.templateId === "campaign") {
        expectIn(parts.html, "This email is an advertisement from Hopemark Health.", "parts.html");
        expectIn(parts.text, "This email is an advertisement from Hopemark Health.", "parts.text");
      }
      if (sample.templateId === "confirm-subscription") {
        expectIn(parts.text, /Didn't ask for this\? You can safely ignore this email/, "parts.text");
      }

      // Accessibility and deliverability.
      expectIn(html, `<html dir="ltr" lang="${contentLang(locale)}"`, "html");
      expect(contentLang(locale)).toBe(locale === "de" ? "en" : locale);
      expectIn(html, /<title>[^<]{3,}<\/title>/, "html");
      for (const table of html.match(/<table\b[^>]*>/g) ?? []) expect(table).toContain('role="presentation"');
      for (const img of html.match(/<img\b[^>]*>/g) ?? []) {
        expect(img).toMatch(/\balt="[^"]*"/);
        expect(img).toMatch(/\bsrc="https:\/\//);
      }
      expectIn(html, /<(script|iframe|link)\b/, "html", false);
      expect(Buffer.byteLength(html, "utf8")).toBeLessThan(MAX_HTML_BYTES);

      // The crisis footer is never smaller than body text (16px) and never hidden.
      const footer = between(html, 'data-crisis-footer="true"', 'data-unsubscribe-footer="true"');
      const sizes = [...footer.matchAll(/font-size:(\d+)px/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(size).toBeGreaterThanOrEqual(16);
      expectIn(footer, /display:\s*none|visibility:\s*hidden|max-height:\s*0|opacity:\s*0/, "footer", false);

      // A plain-text crisis line comes first, before anything else.
      expectIn(text.trimStart(), /^(Are you in crisis\?|Need to talk\?)/, "text starts with a crisis line");

      // And the send gate agrees.
      const gate = checkMessage(toMessage(rendered, "https://newsletter.test/u/one-click"), {
        postalAddress: POSTAL,
      });
      expect(gate).toEqual({ ok: true });
    });
  },
);

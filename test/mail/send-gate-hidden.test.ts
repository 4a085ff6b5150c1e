// The send gate reads the HTML part as a DOM: a real email whose footer (attribution, crisis lines, unsubscribe
// link and postal address) is wrapped in something a mail client hides must be refused, whatever the hiding
// method and however deep the footer sits inside it.
import { describe, expect, it } from "vitest";
import { previewCtx } from "../../src/emails/preview-data.ts";
import { emailRegistry } from "../../src/emails/registry.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import type { OutgoingEmail } from "../../src/mail/types.ts";
import { toMessage } from "../emails/helpers.ts";

const POSTAL = "Hopemark Health, 9 Hidden Test Road, Checkton, CT 01234, USA";
const ONE_CLICK = "https://newsletter.test/u/one-click-token";

async function welcome(): Promise<OutgoingEmail> {
  const rendered = await renderEmail("welcome", {
    ...emailRegistry.welcome.previewProps,
    ctx: { ...previewCtx, postalAddress: POSTAL },
    unsubscribeUrl: ONE_CLICK,
  });
  return toMessage(rendered, ONE_CLICK);
}

/** Start of the element carrying `marker` and the end of its matching closing tag. */
function elementRange(html: string, marker: string): { start: number; end: number } {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found`);
  const start = html.lastIndexOf("<", at);
  const name = /^<([a-z0-9]+)/i.exec(html.slice(start))?.[1] ?? "";
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return { start, end: m.index + m[0].length };
  }
  throw new Error(`no closing tag for ${marker}`);
}

/** The same email with attribution, crisis footer and unsubscribe footer moved inside `open` ... `close`. */
function hideFooter(message: OutgoingEmail, open: string, close: string): OutgoingEmail {
  const { start } = elementRange(message.html, 'data-attribution="true"');
  const { end } = elementRange(message.html, 'data-unsubscribe-footer="true"');
  const html = message.html;
  // React separates text nodes with <!-- -->, which would end a wrapping comment early (as in a mail client).
  const footer = open.startsWith("<!-- ")
    ? html.slice(start, end).replaceAll("<!-- -->", "")
    : html.slice(start, end);
  return { ...message, html: `${html.slice(0, start)}${open}${footer}${close}${html.slice(end)}` };
}

const FOOTER_GONE = [
  expect.stringContaining("crisis footer in html"),
  expect.stringContaining("attribution in html"),
  "postal address in html",
  "unsubscribe link in html",
];

// Each wrapper hides its content in at least one major client. Two levels deep, so a check that only looks at
// elements without children (or at the footer's own style) cannot see it.
const WAYS: [string, string, string][] = [
  ["display:none", '<div style="display:none"><div>', "</div></div>"],
  [
    "display: none !important",
    '<div style="mso-line-height-rule:exactly; DISPLAY: None !important"><div>',
    "</div></div>",
  ],
  ["the hidden attribute", "<div hidden><div>", "</div></div>"],
  ["visibility:hidden", '<div style="visibility:hidden"><div>', "</div></div>"],
  ["font-size:0", '<div style="font-size:0"><div>', "</div></div>"],
  ["max-height:0 with overflow hidden", '<div style="max-height:0px;overflow:hidden"><div>', "</div></div>"],
  ["opacity:0", '<div style="opacity:0.0"><div>', "</div></div>"],
  ["mso-hide:all", '<div style="mso-hide:all"><div>', "</div></div>"],
  ["a class hidden by the stylesheet", '<div class="a js-off"><div>', "</div></div>"],
  ["a preheader", '<div data-preheader="true"><div>', "</div></div>"],
  [
    "a span deep inside a hidden table",
    '<table style="display:none"><tr><td><span>',
    "</span></td></tr></table>",
  ],
  ["an HTML comment", "<!-- ", " -->"],
  ["a <style> element", "<style>/* ", " */</style>"],
  ["Outlook's not-mso block", "<!--[if !mso]><!--><div>", "</div><!--<![endif]-->"],
];

describe("send gate: a footer hidden from the reader does not count", () => {
  it("passes the unmodified email (control)", async () => {
    expect(checkMessage(await welcome(), { postalAddress: POSTAL })).toEqual({ ok: true });
  });

  it("passes the same footer inside a plain visible wrapper (control)", async () => {
    const message = hideFooter(await welcome(), '<div style="color:#1f2933"><div>', "</div></div>");
    expect(checkMessage(message, { postalAddress: POSTAL })).toEqual({ ok: true });
  });

  it.each(WAYS)("refuses a footer hidden by %s", async (_way, open, close) => {
    let message = hideFooter(await welcome(), open, close);
    if (_way.includes("stylesheet")) {
      message = {
        ...message,
        html: message.html.replace("</head>", "<style>div.js-off { display: none }</style></head>"),
      };
    }
    const result = checkMessage(message, { postalAddress: POSTAL });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual(expect.arrayContaining(FOOTER_GONE));
  });

  it("refuses a footer moved into <head>", async () => {
    const message = await welcome();
    const { start } = elementRange(message.html, 'data-attribution="true"');
    const { end } = elementRange(message.html, 'data-unsubscribe-footer="true"');
    const footer = message.html.slice(start, end);
    const html = (message.html.slice(0, start) + message.html.slice(end)).replace(
      "</head>",
      `${footer}</head>`,
    );
    const result = checkMessage({ ...message, html }, { postalAddress: POSTAL });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual(expect.arrayContaining(FOOTER_GONE));
  });

  it("needs every part in the text as well, whatever the HTML shows", async () => {
    const message = await welcome();
    const text = message.text.replaceAll(POSTAL, "");
    expect(checkMessage({ ...message, text }, { postalAddress: POSTAL })).toEqual({
      ok: false,
      missing: ["postal address in text"],
    });
  });
});

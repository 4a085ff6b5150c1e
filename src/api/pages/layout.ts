// The shell of every server-rendered page: no JavaScript, no third-party resources (fonts, scripts, images or
// analytics), the crisis line first on the page, and styles inline so the pages work on Node and Workers alike.
import { html, raw } from "hono/html";

export type Html = ReturnType<typeof html>;

// Colours chosen for at least 4.5:1 contrast on their backgrounds (WCAG AA for body text).
export const STYLES = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f7f7f5; }
a { color: #0b5394; }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #b45309; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem 1rem; z-index: 10; }
.crisis { background: #12355b; color: #fff; padding: .75rem 1rem; }
.crisis p { margin: 0 auto; max-width: 40rem; }
.crisis a { color: #fff; font-weight: 700; }
header, main, footer { max-width: 40rem; margin: 0 auto; padding: 1rem; }
header .brand { font-weight: 700; margin: 0; color: #12355b; }
main { background: #fff; border-radius: .5rem; padding: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-top: 1.25rem; }
.hint { color: #4b5563; font-size: .95rem; margin: .25rem 0 0; }
input[type=email], input[type=text], select { width: 100%; font: inherit; padding: .6rem; margin-top: .35rem; border: 2px solid #4b5563; border-radius: .35rem; background: #fff; color: inherit; }
.check { display: flex; gap: .75rem; align-items: flex-start; margin-top: 1.5rem; }
.check input { width: 1.4rem; height: 1.4rem; margin-top: .2rem; flex: none; }
.check label { margin: 0; font-weight: 400; }
button { font: inherit; font-weight: 700; margin-top: 1.5rem; padding: .75rem 1.5rem; border: 0; border-radius: .35rem; background: #0b5394; color: #fff; cursor: pointer; }
button:hover { background: #083d6e; }
button.secondary { background: #fff; color: #0b5394; border: 2px solid #0b5394; }
button.secondary:hover { background: #eef4fb; }
.break-buttons button { margin-right: .5rem; }
fieldset { border: 0; padding: 0; margin: 1.5rem 0 0; min-width: 0; }
legend { font-weight: 700; padding: 0; }
fieldset .check { margin-top: .75rem; }
.check .hint { margin-top: 0; }
.status { border: 3px solid #1e6b3a; border-radius: .35rem; padding: 0 1rem; margin-bottom: 1.5rem; background: #effaf3; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .5rem; }
.notice h2 { margin-top: 1rem; }
.notice form { margin-bottom: 1rem; }
.error { color: #b3261e; font-weight: 600; margin: .35rem 0 0; }
[aria-invalid=true] { border-color: #b3261e; }
.error-summary { border: 3px solid #b3261e; padding: 1rem; margin-bottom: 1.5rem; border-radius: .35rem; }
.error-summary h2 { margin: 0 0 .5rem; font-size: 1.2rem; }
.privacy { color: #4b5563; font-size: .95rem; margin-top: 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
footer { color: #4b5563; font-size: .9rem; }
.notice { border: 3px solid #b45309; border-radius: .35rem; padding: 0 1rem; margin-bottom: 1.5rem; background: #fffbeb; }
.notice pre, pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f4f6; padding: .5rem; border-radius: .25rem; font-size: .9rem; }
`;

const EMERGENCY = "In immediate danger, call";

/**
 * The crisis line, first on every page (safety rules 1-2): real text, full size, never hidden. Pages that know
 * the person's country (from their signup) show that country's line; the others show the US line with the
 * "elsewhere" wording.
 */
export function crisisBanner(country?: string | null): Html {
  const lines: Record<string, Html> = {
    US: html`call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) or chat at
    <a href="https://988lifeline.org">988lifeline.org</a>. ${EMERGENCY} 911.`,
    CA: html`call or text <a href="tel:988">9-8-8</a> (Suicide Crisis Helpline, Canada). ${EMERGENCY} 911.`,
    GB: html`call Samaritans free on <a href="tel:116123">116 123</a> (UK and Ireland) or visit
    <a href="https://www.samaritans.org">samaritans.org</a>. ${EMERGENCY} 999.`,
    IE: html`call Samaritans free on <a href="tel:116123">116 123</a> (UK and Ireland) or visit
    <a href="https://www.samaritans.org">samaritans.org</a>. ${EMERGENCY} 112 or 999.`,
  };
  const known = country ? lines[country.toUpperCase()] : undefined;
  return html`<aside class="crisis" aria-label="Crisis support">
  <p>
    <strong>If you are in crisis or thinking about suicide:</strong> ${
      known ??
      html`call or text
    <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline, US) or chat at
    <a href="https://988lifeline.org">988lifeline.org</a>. In immediate danger, call 911. Outside the US,
    contact your local emergency number.`
    }
  </p>
</aside>`;
}

export type PageOptions = {
  title: string;
  body: Html;
  postalAddress?: string | undefined;
  /** The person's country, where the page knows it: picks the crisis line. */
  country?: string | null | undefined;
};

export function page({ title, body, postalAddress, country }: PageOptions): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Hopemark Health</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
${crisisBanner(country)}
<header><p class="brand">Hopemark Health newsletter</p></header>
<main id="main">
${body}
</main>
<footer>${postalAddress ? html`<p>${postalAddress}</p>` : ""}</footer>
</body>
</html>`;
}

// GET /privacy: the full privacy notice from templates/privacy.md, with the version every consent records.
import { html, raw } from "hono/html";
import { marked } from "marked";
import type { PrivacyNotice } from "../../content/index.ts";
import { type Html, page } from "./layout.ts";

export function privacyPage(notice: PrivacyNotice, postalAddress: string): Html {
  // Our own file, reviewed like the lessons; rendered once per request, it is a few kilobytes.
  const body = marked.parse(notice.body, { async: false });
  return page({
    title: "Privacy notice",
    postalAddress,
    body: html`<h1>Privacy notice</h1>
<p class="hint">Version ${notice.version}, last updated <time datetime="${notice.updated}">${notice.updated}</time>.
When you subscribe, we record this version with your consent.</p>
${raw(body)}
<p><a href="/">Back to the signup page</a></p>`,
  });
}

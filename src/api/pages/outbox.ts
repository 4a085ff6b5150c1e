// Development only: the local outbox as pages, so a person can read the confirmation email and follow its link
// without a mail provider. The email HTML is shown in a sandboxed iframe: no scripts and no same-origin access,
// but its links open in a new tab (allow-popups), as they would from a mail client.
import { html } from "hono/html";
import { type Html, page } from "./layout.ts";
import { waitingEventsNotice } from "./waiting-events.ts";

export type OutboxRow = {
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  createdAt: Date;
};

/** Long addresses, subjects and links wrap instead of stretching the page wider than the screen. */
const WRAP = "overflow-wrap:anywhere;word-break:break-word";

export function outboxListPage(rows: OutboxRow[], waiting: { count: number; appUrl: string }): Html {
  return page({
    title: "Dev outbox",
    body: html`<h1>Dev outbox</h1>
${waitingEventsNotice(waiting.count, waiting.appUrl)}
<p>Messages the local outbox transport captured, newest first. Nothing here was sent to anyone.
Also as <a href="/dev/outbox.json">JSON</a>.</p>
${
  rows.length === 0
    ? html`<p>No messages yet. Subscribe on the <a href="/">signup page</a>.</p>`
    : html`<table style="${WRAP};width:100%">
  <caption class="visually-hidden">Captured messages</caption>
  <thead><tr><th scope="col">Time (UTC)</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
  <tbody>
  ${rows.map(
    (r) => html`<tr><td>${r.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td><td>${r.to}</td>
    <td><a href="/dev/outbox/${r.id}">${r.subject}</a></td></tr>`,
  )}
  </tbody>
</table>`
}`,
  });
}

/**
 * Links in the plain-text part, made clickable: that is how the confirm and unsubscribe links are reached.
 * Sentence punctuation after a link ("chat at https://988lifeline.org.") is not part of it.
 */
export function links(text: string): string[] {
  const found = (text.match(/https?:\/\/[^\s<>()"']+/g) ?? []).map((href) => href.replace(/[.,;:!?]+$/, ""));
  return [...new Set(found)];
}

/** Every link in the previewed email opens in a new tab instead of inside (or instead of) the frame. */
function withLinksInNewTab(emailHtml: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(emailHtml)
    ? emailHtml.replace(/<head[^>]*>/i, (head) => head + base)
    : base + emailHtml;
}

export function outboxMessagePage(row: OutboxRow): Html {
  return page({
    title: row.subject,
    body: html`<p><a href="/dev/outbox">← All messages</a></p>
<h1>${row.subject}</h1>
<dl style="${WRAP}">
  <dt>To</dt><dd>${row.to}</dd>
  <dt>From</dt><dd>${row.from}</dd>
  <dt>Time (UTC)</dt><dd>${row.createdAt.toISOString()}</dd>
  ${Object.entries(row.headers).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
</dl>
<h2>Links in this message</h2>
<ul style="${WRAP}">${links(row.text).map(
      (href) => html`<li><a href="${href}" target="_blank" rel="noopener">${href}</a></li>`,
    )}</ul>
<h2>HTML part</h2>
<p class="hint">Links in the email open in a new tab.</p>
<iframe title="HTML part of the message" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${withLinksInNewTab(row.html)}" style="width:100%;height:70vh;border:1px solid #4b5563"></iframe>
<h2>Plain-text part</h2>
<pre style="white-space:pre-wrap;${WRAP}">${row.text}</pre>`,
  });
}

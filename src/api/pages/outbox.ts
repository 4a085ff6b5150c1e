// Development only: the local outbox as pages, so a person can read the confirmation email and follow its link
// without a mail provider. The email HTML is shown in a sandboxed iframe (no scripts, no same-origin access).
import { html } from "hono/html";
import { type Html, page } from "./layout.ts";

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

export function outboxListPage(rows: OutboxRow[]): Html {
  return page({
    title: "Dev outbox",
    body: html`<h1>Dev outbox</h1>
<p>Messages the local outbox transport captured, newest first. Nothing here was sent to anyone.
Also as <a href="/dev/outbox.json">JSON</a>.</p>
${
  rows.length === 0
    ? html`<p>No messages yet. Subscribe on the <a href="/">signup page</a>.</p>`
    : html`<table>
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

/** Links in the plain-text part, made clickable: that is how the confirm and unsubscribe links are reached. */
function links(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>()"']+/g) ?? [])];
}

export function outboxMessagePage(row: OutboxRow): Html {
  return page({
    title: row.subject,
    body: html`<p><a href="/dev/outbox">← All messages</a></p>
<h1>${row.subject}</h1>
<dl>
  <dt>To</dt><dd>${row.to}</dd>
  <dt>From</dt><dd>${row.from}</dd>
  <dt>Time (UTC)</dt><dd>${row.createdAt.toISOString()}</dd>
  ${Object.entries(row.headers).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
</dl>
<h2>Links in this message</h2>
<ul>${links(row.text).map((href) => html`<li><a href="${href}">${href}</a></li>`)}</ul>
<h2>HTML part</h2>
<iframe title="HTML part of the message" sandbox srcdoc="${row.html}" style="width:100%;height:70vh;border:1px solid #4b5563"></iframe>
<h2>Plain-text part</h2>
<pre style="white-space:pre-wrap">${row.text}</pre>`,
  });
}

// Development only: paste a reply as if a reader had answered one of our emails. Triage then runs exactly as
// for a reply received through Resend, and its answers appear in /dev/outbox.
import { html } from "hono/html";
import { type Html, page } from "./layout.ts";

export type InboundFormValues = { from: string; subject: string; text: string };

export function inboundPage(options: {
  values: InboundFormValues;
  errors?: Record<string, string[]>;
  queued?: boolean;
}): Html {
  const { values, errors = {}, queued } = options;
  const error = (field: string) =>
    errors[field]?.length ? html`<p class="error" id="${field}-error">${errors[field]?.join(" ")}</p>` : "";
  const invalid = (field: string) => (errors[field]?.length ? "true" : "false");
  return page({
    title: "Dev inbound",
    body: html`<h1>Dev inbound</h1>
<p>Paste a reply as if a reader had answered one of our emails. It goes through the same triage as a reply
received through Resend (the <code>triage-reply</code> Inngest function, so the Inngest dev server must be
running); its answers appear in the <a href="/dev/outbox">dev outbox</a> within seconds. Also as JSON:
<code>POST /dev/inbound.json</code> with <code>{"from","subject","text","headers"}</code>.</p>
${queued ? html`<p role="status"><strong>Queued for triage.</strong> Open the <a href="/dev/outbox">dev outbox</a>.</p>` : ""}
<form method="post" action="/dev/inbound" novalidate>
  <label for="from">From (the reader's address)</label>
  <input id="from" name="from" type="email" value="${values.from}" aria-invalid="${invalid("from")}" aria-describedby="from-error">
  ${error("from")}
  <label for="subject">Subject</label>
  <input id="subject" name="subject" type="text" value="${values.subject}" aria-invalid="${invalid("subject")}">
  ${error("subject")}
  <label for="text">Reply text</label>
  <textarea id="text" name="text" rows="8" style="width:100%;font:inherit;padding:.6rem;border:2px solid #4b5563;border-radius:.35rem" aria-invalid="${invalid("text")}">${values.text}</textarea>
  ${error("text")}
  <button type="submit">Deliver this reply</button>
</form>`,
  });
}

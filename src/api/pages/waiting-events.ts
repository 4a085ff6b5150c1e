// Development only: when the Inngest dev server is not running, a signup is recorded but no email follows, and
// the pages a person looks at next (the outbox, "check your inbox") say so and say what to run.
import { html } from "hono/html";
import type { Html } from "./layout.ts";

/** The command that starts the Inngest dev server by hand (as `npm run dev` does when it can). */
export const inngestDevCommand = (appUrl: string) =>
  `npx --yes --ignore-scripts=false --foreground-scripts inngest-cli@latest dev -u ${appUrl}/api/inngest`;

export function waitingEventsNotice(count: number, appUrl: string): Html | "" {
  if (count === 0) return "";
  return html`<div class="notice" role="status">
  <p><strong>${count === 1 ? "1 event is" : `${count} events are`} waiting for the Inngest dev server</strong>, so
  no email has been sent for ${count === 1 ? "it" : "them"} yet. <code>npm run dev</code> starts it when it can; its
  terminal says why it could not. To start it by hand, in another terminal:</p>
  <pre>${inngestDevCommand(appUrl)}</pre>
  <p>Events are sent within a minute of it starting; then reload this page.</p>
</div>`;
}

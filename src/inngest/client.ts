// The one Inngest client. It is built from the validated config (not from process.env) so the same code runs on
// Node and on Workers, where settings arrive as bindings.
import { Inngest } from "inngest";
import type { Config } from "../config.ts";

export const INNGEST_APP_ID = "hopemark-newsletter";

export function createInngestClient(config: Config, options: { fetch?: typeof fetch } = {}) {
  return new Inngest({
    id: INNGEST_APP_ID,
    isDev: config.inngest.dev,
    ...(config.inngest.baseUrl ? { baseUrl: config.inngest.baseUrl } : {}),
    ...(config.inngest.eventKey ? { eventKey: config.inngest.eventKey } : {}),
    ...(config.inngest.signingKey ? { signingKey: config.inngest.signingKey } : {}),
    ...(config.inngest.signingKeyFallback ? { signingKeyFallback: config.inngest.signingKeyFallback } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type InngestClient = ReturnType<typeof createInngestClient>;

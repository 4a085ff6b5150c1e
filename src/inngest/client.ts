// The one Inngest client. It is built from the validated config (not from process.env) so the same code runs on
// Node and on Workers, where settings arrive as bindings.
import { Inngest } from "inngest";
import type { Config } from "../config.ts";

export const INNGEST_APP_ID = "hopemark-newsletter";

type Level = "debug" | "info" | "warn" | "error";
/** The shape of lib/log.ts's Logger, written out so inngest/ does not import lib/ (which imports inngest/). */
type Logger = Record<Level, (message: string, fields?: Record<string, unknown>) => void>;
type SdkLogger = Record<Level, (...args: unknown[]) => void>;

/**
 * The SDK logs with console-style arguments (a message, or pino-style `(fields, message)`); our logger takes a
 * message and fields and redacts both. Without this the SDK's own lines would go to the console as raw text.
 */
export function sdkLogger(logger: Logger): SdkLogger {
  const adapt =
    (level: Level) =>
    (...args: unknown[]) => {
      const [first, second, ...rest] = args;
      if (typeof first === "string") {
        const extra = [second, ...rest].filter((a) => a !== undefined);
        logger[level](first, { source: "inngest", ...(extra.length > 0 ? { details: extra } : {}) });
      } else if (typeof second === "string") {
        logger[level](second, { source: "inngest", details: [first, ...rest] });
      } else {
        logger[level]("inngest", { source: "inngest", details: args });
      }
    };
  return { debug: adapt("debug"), info: adapt("info"), warn: adapt("warn"), error: adapt("error") };
}

export function createInngestClient(config: Config, options: { fetch?: typeof fetch; logger?: Logger } = {}) {
  const client = new Inngest({
    id: INNGEST_APP_ID,
    isDev: config.inngest.dev,
    ...(config.inngest.baseUrl ? { baseUrl: config.inngest.baseUrl } : {}),
    ...(config.inngest.eventKey ? { eventKey: config.inngest.eventKey } : {}),
    ...(config.inngest.signingKey ? { signingKey: config.inngest.signingKey } : {}),
    ...(config.inngest.signingKeyFallback ? { signingKeyFallback: config.inngest.signingKeyFallback } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: sdkLogger(options.logger) } : {}),
  });
  // The SDK rebuilds its request headers on every send, copying the whole process environment each time (about
  // 0.3 ms a signup on Node, measured by bench:signup). They depend only on settings fixed at start, so they are
  // computed once here and the instance keeps them.
  Object.defineProperty(client, "headers", { value: Object.freeze({ ...client.headers }) });
  return client;
}

export type InngestClient = ReturnType<typeof createInngestClient>;

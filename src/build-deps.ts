// Assembles AppDeps from a config and a database; shared by the Node server, the Worker and the tests.
import type { Config } from "./config.ts";
import type { Content } from "./content/index.ts";
import type { Db } from "./db/client.ts";
import type { AppDeps } from "./deps.ts";
import { createInngestClient, type InngestClient } from "./inngest/client.ts";
import { createEventBatcher, type EventBatcherOptions } from "./lib/event-batcher.ts";
import { createLogger, type Logger } from "./lib/log.ts";
import { createMailer } from "./mail/mailer.ts";
import { createOutboxTransport } from "./mail/outbox-transport.ts";
import { createResendTransport } from "./mail/resend-transport.ts";
import type { Transport } from "./mail/types.ts";

export function createTransport(config: Config, db: Db): Transport {
  if (config.mail.transport === "outbox") return createOutboxTransport(db);
  if (!config.mail.resendApiKey) throw new Error("RESEND_API_KEY is required for the resend transport");
  return createResendTransport({
    apiKey: config.mail.resendApiKey,
    from: config.mail.from,
    ...(config.mail.resendBaseUrl ? { baseUrl: config.mail.resendBaseUrl } : {}),
  });
}

export function buildDeps(input: {
  config: Config;
  db: Db;
  content: Content;
  logger?: Logger;
  inngest?: InngestClient;
  transport?: Transport;
  now?: () => Date;
  /** Batch signup events (the Node server; see AppDeps.eventBatcher). */
  batchEvents?: boolean | EventBatcherOptions;
}): AppDeps {
  const { config, db, content } = input;
  const logger = input.logger ?? createLogger(config.logLevel);
  const transport = input.transport ?? createTransport(config, db);
  const inngest = input.inngest ?? createInngestClient(config, { logger });
  const now = input.now ?? (() => new Date());
  const batch = input.batchEvents;
  return {
    config,
    db,
    content,
    logger,
    inngest,
    mailer: createMailer({ transport, config }),
    now,
    ...(batch
      ? { eventBatcher: createEventBatcher({ db, inngest, logger, now }, batch === true ? {} : batch) }
      : {}),
  };
}

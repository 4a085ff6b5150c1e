// What routes and functions receive. Built once per process (Node) or per isolate (Workers) by src/build-deps.ts.
import type { Config } from "./config.ts";
import type { Content } from "./content/index.ts";
import type { Db } from "./db/client.ts";
import type { InngestClient } from "./inngest/client.ts";
import type { EventBatcher } from "./lib/event-batcher.ts";
import type { Logger } from "./lib/log.ts";
import type { Mailer } from "./mail/types.ts";

export type AppDeps = {
  config: Config;
  db: Db;
  mailer: Mailer;
  inngest: InngestClient;
  content: Content;
  logger: Logger;
  /** Injectable clock for tests. */
  now: () => Date;
  /**
   * Node only: signups hand their events to this batcher, which sends many signups' events in one call
   * (src/lib/event-batcher.ts). Absent on Workers, where each request sends its own under waitUntil.
   */
  eventBatcher?: EventBatcher;
};

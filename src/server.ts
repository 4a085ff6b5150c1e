// Node entry: SQLite file + migrations at start, @hono/node-server, and a timer that re-sends events the event
// bus missed. `npm run dev` wraps this with file reload and an Inngest dev server when one can be started.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app.ts";
import { buildDeps } from "./build-deps.ts";
import {
  ConfigError,
  DEFAULT_DATABASE_PATH,
  loadConfig,
  randomSecret,
  unknownVariableWarning,
} from "./config.ts";
import { loadContentFromDisk } from "./content/node.ts";
import { openNodeDb } from "./db/node.ts";
import { listenShared } from "./lib/listen.ts";
import { createLogger } from "./lib/log.ts";
import { reconcilePendingEvents } from "./lib/pending-events.ts";

const RECONCILE_EVERY_MS = 60_000;
/**
 * Sockets accepting for the server (src/lib/listen.ts: libuv accepts one connection per loop turn on each, so a
 * burst of new connections waits behind the open ones). 64: with 100 connections opening at once, the kernel's
 * spread leaves each socket only a few to accept; an idle socket costs one file descriptor.
 */
const LISTEN_SOCKETS = 64;

/**
 * In development, a generated TOKEN_SECRET is kept beside the database so confirm and unsubscribe links in the
 * local outbox survive the restarts that file reload causes. Production never gets here: it requires the secret.
 */
function developmentTokenSecret(env: NodeJS.ProcessEnv): string | undefined {
  if (env.TOKEN_SECRET || env.NODE_ENV === "production") return env.TOKEN_SECRET;
  const file = join(dirname(env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH), ".dev-token-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomSecret();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function start() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ ...process.env, TOKEN_SECRET: developmentTokenSecret(process.env) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.defaulted.length > 0) {
    logger.warn("using development defaults; set these before going live", { variables: config.defaulted });
  }
  for (const unknown of config.unknown) logger.warn(unknownVariableWarning(unknown));
  if (!process.env.TOKEN_SECRET) {
    logger.warn("TOKEN_SECRET is not set: using a generated development secret stored next to the database");
  }

  const { db, close } = openNodeDb(config.databasePath, { synchronous: config.sqliteSynchronous });
  const content = loadContentFromDisk();
  const deps = buildDeps({ config, db, content, logger, batchEvents: true });
  const app = createApp(deps);

  const timer = setInterval(() => {
    reconcilePendingEvents(deps).catch((error) => logger.error("reconciler failed", { error }));
  }, RECONCILE_EVERY_MS);
  timer.unref();

  const server = createServer(getRequestListener(app.fetch));
  const listening = listenShared(server, { host: config.host, port: config.port, sockets: LISTEN_SOCKETS });
  listening.then(
    (info) =>
      logger.info(`listening on http://${info.address}:${info.port}`, {
        transport: config.mail.transport,
        inngest: config.inngest.dev ? "dev server" : "cloud",
        lessons: content.lessons.length,
      }),
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") throw error;
      // One line instead of a stack trace: the usual cause is a second `npm run dev` or another app.
      console.error(
        `port ${config.port} is in use on ${config.host}; stop what uses it, or set PORT to another port (e.g. PORT=3001 npm start)`,
      );
      clearInterval(timer);
      close();
      process.exit(1);
    },
  );

  const shutdown = async () => {
    clearInterval(timer);
    const sockets = await listening.catch(() => undefined);
    await new Promise<void>((resolve) => (sockets ? sockets.close(resolve) : resolve()));
    // Events already answered for go out now rather than a reconciler minute after the next start.
    await deps.eventBatcher?.drain();
    close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

start();

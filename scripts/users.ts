// `npm run users -- …` (see scripts/users-cli.ts): works on the SQLite file at DATABASE_PATH, also while the
// server runs (WAL mode; a write waits up to the busy timeout for the server's lock). For D1, see the README.
import { loadConfig } from "../src/config.ts";
import { openNodeDb } from "../src/db/node.ts";
import { usersCli } from "./users-cli.ts";

const config = loadConfig(process.env);
const { db, close } = openNodeDb(config.databasePath);
try {
  process.exitCode = await usersCli(process.argv.slice(2), {
    db,
    appUrl: config.appUrl,
    now: () => new Date(),
    out: (line) => console.info(line),
    err: (line) => console.error(line),
  });
} finally {
  close();
}

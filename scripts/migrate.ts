// `npm run db:migrate`: applies migrations/ to the SQLite file at DATABASE_PATH (the server also does this at
// start). For D1 use `npx wrangler d1 migrations apply DB --local|--remote`.
import { loadConfig } from "../src/config.ts";
import { openNodeDb } from "../src/db/node.ts";

const config = loadConfig(process.env);
const { close } = openNodeDb(config.databasePath);
close();
console.info(`migrations applied to ${config.databasePath}`);

import { defineConfig } from "drizzle-kit";

// One migrations folder serves both runtimes: drizzle's migrator reads migrations/meta on Node, and
// `wrangler d1 migrations apply` reads the numbered .sql files on Cloudflare.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});

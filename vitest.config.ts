import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // The workerd suite runs under its own config (vitest.worker.config.ts).
    exclude: ["test/worker/**", "node_modules/**"],
    testTimeout: 20_000,
  },
});

// Runs test/worker/** inside workerd with a real (local) D1 binding, using wrangler.toml and the same
// migrations folder the Node server uses.
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** The event API's address in these tests; nothing listens there, outboundService answers for it. */
const EVENT_BUS_DOWN = "http://event-bus.test";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url)));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // A complete production configuration; nothing here reaches the network in these tests.
            APP_URL: "https://news.hopemark.test",
            TOKEN_SECRET: "worker-test-token-secret-0123456789abcdef",
            ADMIN_TOKEN: "worker-test-admin-token-0123456789",
            RESEND_API_KEY: "re_test_key",
            RESEND_WEBHOOK_SECRET: "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=",
            SIGNUP_WEBHOOK_SECRET: "worker-test-signup-secret",
            EMAIL_FROM: "Hopemark Health <news@hopemark.test>",
            POSTAL_ADDRESS: "Hopemark Health, 1 Test Plaza, Testville, TS 00001, USA",
            REPLIES_ADDRESS: "replies@in.hopemark.test",
            REPLIES_FORWARD_TO: "care-team@hopemark.test",
            // An event API that is down (see outboundService): sends fail and stay queued for the reconciler.
            // Production refuses INNGEST_DEV, so these are cloud-mode keys.
            INNGEST_EVENT_KEY: "worker-test-event-key",
            INNGEST_SIGNING_KEY: "signkey-test-0123456789abcdef0123456789abcdef",
            INNGEST_BASE_URL: EVENT_BUS_DOWN,
          },
          // Every fetch the Worker makes lands here instead of the network. The event bus answers 503, as a bus
          // that is down behind its load balancer does; a refused connection would prove the same path but makes
          // workerd print "Network connection lost" stack traces into the test output.
          outboundService: (request: Request) =>
            new URL(request.url).origin === EVENT_BUS_DOWN
              ? Response.json({ status: 503, error: "event bus down (test stub)" }, { status: 503 })
              : new Response("no network in the Worker tests", { status: 502 }),
        },
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
      testTimeout: 30_000,
    },
  };
});

// The config every test starts from; tests build theirs here, not in src/config.ts, so nothing shipped carries
// test secrets.
import { type Config, loadConfig, type RawEnv } from "../../src/config.ts";

/** A config for tests: development defaults plus overrides, with a fixed token secret so links are stable. */
export function testConfig(overrides: RawEnv = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    APP_URL: "http://newsletter.test",
    TOKEN_SECRET: "test-token-secret-0123456789abcdef0123456789",
    ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
    SIGNUP_WEBHOOK_SECRET: "test-signup-webhook-secret",
    POSTAL_ADDRESS: "Hopemark Health, 1 Test Plaza, Testville, TS 00001, USA",
    EMAIL_FROM: "Hopemark Health <newsletter@hopemark.test>",
    REPLIES_ADDRESS: "replies@hopemark.test",
    REPLIES_FORWARD_TO: "team@hopemark.test",
    // Tests run on the real clock at any hour; a lesson outside the delivery window would sleep on an unmocked
    // step. Tests of the window set DELIVERY_WINDOW themselves (test/timezones/).
    DELIVERY_WINDOW: "off",
    ...overrides,
  });
}

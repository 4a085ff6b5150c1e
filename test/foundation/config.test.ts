import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const productionEnv = {
  NODE_ENV: "production",
  APP_URL: "https://news.hopemark.example",
  TOKEN_SECRET: "s".repeat(40),
  ADMIN_TOKEN: "a".repeat(32),
  RESEND_API_KEY: "re_live_key",
  RESEND_WEBHOOK_SECRET: "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=",
  EMAIL_FROM: "Hopemark Health <news@hopemark.example>",
  POSTAL_ADDRESS: "Hopemark Health, 1 Main St, Austin, TX 78701, USA",
  INNGEST_EVENT_KEY: "evt_key",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
  REPLIES_ADDRESS: "replies@in.hopemark.example",
  REPLIES_FORWARD_TO: "care-team@hopemark.example",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("gives development safe defaults and lists what it defaulted", () => {
    const config = loadConfig({});
    expect(config.env).toBe("development");
    expect(config.mail.transport).toBe("outbox");
    expect(config.appUrl).toBe("http://127.0.0.1:3000");
    expect(config.tokenSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(config.defaulted).toEqual(expect.arrayContaining(["TOKEN_SECRET", "APP_URL", "POSTAL_ADDRESS"]));
    expect(config.tracking).toBe(false);
    expect(config.dripTimeScale).toBe(1);
  });

  it("generates a different signing secret per start when none is set", () => {
    expect(loadConfig({}).tokenSecret).not.toBe(loadConfig({}).tokenSecret);
  });

  it("accepts a complete production environment", () => {
    const config = loadConfig(productionEnv);
    expect(config.isProduction).toBe(true);
    expect(config.mail.transport).toBe("resend");
    expect(config.defaulted).toEqual([]);
  });

  it("refuses production without secrets, naming every missing variable", () => {
    expect(problemsOf({ NODE_ENV: "production" }).sort()).toEqual(
      [
        "ADMIN_TOKEN",
        "APP_URL",
        "EMAIL_FROM",
        "INNGEST_EVENT_KEY",
        "INNGEST_SIGNING_KEY",
        "POSTAL_ADDRESS",
        "REPLIES_ADDRESS",
        "REPLIES_FORWARD_TO",
        "RESEND_API_KEY",
        "RESEND_WEBHOOK_SECRET",
        "TOKEN_SECRET",
      ].sort(),
    );
  });

  it("names the real cause when production has no Resend key, not a MAIL_TRANSPORT nobody set", () => {
    const { RESEND_API_KEY: _key, ...withoutKey } = productionEnv;
    try {
      loadConfig(withoutKey);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        {
          variable: "RESEND_API_KEY",
          message:
            "missing (sends email; without it mail would go to the local outbox, which production refuses)",
        },
      ]);
    }
    // Asked for explicitly, the outbox is still refused, and then MAIL_TRANSPORT is the cause.
    expect(problemsOf({ ...productionEnv, MAIL_TRANSPORT: "outbox" })).toEqual(["MAIL_TRANSPORT"]);
  });

  it("never puts a secret's value in the error message", () => {
    const secret = "short-secret-value";
    try {
      loadConfig({ ...productionEnv, TOKEN_SECRET: secret });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain("TOKEN_SECRET");
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it("rejects malformed values by name", () => {
    expect(problemsOf({ PORT: "eighty" })).toEqual(["PORT"]);
    expect(problemsOf({ APP_URL: "not a url" })).toEqual(["APP_URL"]);
    expect(problemsOf({ DRIP_TIME_SCALE: "0" })).toEqual(["DRIP_TIME_SCALE"]);
    expect(problemsOf({ ...productionEnv, APP_URL: "http://news.hopemark.example" })).toEqual(["APP_URL"]);
  });

  it("uses a dev server URL without keys in development, and refuses INNGEST_DEV in production", () => {
    const { INNGEST_EVENT_KEY: _e, INNGEST_SIGNING_KEY: _s, ...rest } = productionEnv;
    expect(loadConfig({ INNGEST_DEV: "http://127.0.0.1:8288" }).inngest.baseUrl).toBe(
      "http://127.0.0.1:8288",
    );
    expect(problemsOf({ ...rest, INNGEST_DEV: "http://127.0.0.1:8288" }).sort()).toEqual(
      ["INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"].sort(),
    );
  });

  it("parses DRIP_TIME_SCALE and TRACKING", () => {
    const config = loadConfig({ DRIP_TIME_SCALE: "0.001", TRACKING: "on" });
    expect(config.dripTimeScale).toBe(0.001);
    expect(config.tracking).toBe(true);
  });
});

describe("unknown variables", () => {
  it("names a mistyped variable that shares one of our prefixes, with the closest known name", () => {
    expect(loadConfig({ DRIP_TIMESCALE: "0.0001" }).unknown).toEqual([
      { variable: "DRIP_TIMESCALE", closest: "DRIP_TIME_SCALE" },
    ]);
    expect(loadConfig({ RESEND_APIKEY: "re_x", INNGEST_DEV_URL: "http://x" }).unknown).toEqual([
      { variable: "INNGEST_DEV_URL", closest: "INNGEST_DEV" },
      { variable: "RESEND_APIKEY", closest: "RESEND_API_KEY" },
    ]);
  });

  it("leaves alone what belongs to Node, the shell or the SDKs, and what is spelled right", () => {
    const env = {
      NODE_OPTIONS: "--enable-source-maps",
      HOSTNAME: "box",
      PATH: "/usr/bin",
      INNGEST_SERVE_ORIGIN: "https://x.example",
      RESEND_USER_AGENT: "x",
      DRIP_TIME_SCALE: "0.5",
    };
    expect(loadConfig(env).unknown).toEqual([]);
  });
});

describe("loadConfig reports everything at once", () => {
  it("lists malformed and missing production variables together", () => {
    expect(problemsOf({ NODE_ENV: "production", ADMIN_TOKEN: "short", PORT: "x" }).sort()).toEqual(
      [
        "ADMIN_TOKEN",
        "APP_URL",
        "EMAIL_FROM",
        "INNGEST_EVENT_KEY",
        "INNGEST_SIGNING_KEY",
        "PORT",
        "POSTAL_ADDRESS",
        "REPLIES_ADDRESS",
        "REPLIES_FORWARD_TO",
        "RESEND_API_KEY",
        "RESEND_WEBHOOK_SECRET",
        "TOKEN_SECRET",
      ].sort(),
    );
  });
});

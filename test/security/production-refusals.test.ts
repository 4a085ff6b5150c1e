// Production must not start in a state where it runs unauthenticated or silently refuses every webhook: the real
// Node entry point is spawned, as in production, and must exit with one message naming each bad variable.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, type RawEnv } from "../../src/config.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

const complete: RawEnv = {
  NODE_ENV: "production",
  APP_URL: "https://news.hopemark.example",
  TOKEN_SECRET: "s".repeat(40),
  ADMIN_TOKEN: "a".repeat(32),
  RESEND_API_KEY: "re_live_key",
  RESEND_WEBHOOK_SECRET: "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=",
  EMAIL_FROM: "Hopemark Health <news@hopemark.example>",
  POSTAL_ADDRESS: "Hopemark Health, 1 Main St, Austin, TX 78701, USA",
  REPLIES_ADDRESS: "replies@in.hopemark.example",
  REPLIES_FORWARD_TO: "care-team@hopemark.example",
  INNGEST_EVENT_KEY: "evt_key",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
};

function startServer(env: RawEnv) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    // An in-memory database, so a start that wrongly succeeds leaves nothing behind (spawnSync's timeout ends it).
    env: { PATH: process.env.PATH, DATABASE_PATH: ":memory:", PORT: "1", ...env },
    encoding: "utf8",
    timeout: 15_000,
  });
}

function problems(env: RawEnv): Record<string, string> {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
    throw error;
  }
  return {};
}

describe("production refusals (real entry point)", () => {
  it("refuses INNGEST_DEV and requires both Inngest keys, in one message", () => {
    const { INNGEST_EVENT_KEY: _e, INNGEST_SIGNING_KEY: _s, ...rest } = complete;
    const result = startServer({ ...rest, INNGEST_DEV: "1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid configuration:");
    expect(result.stderr).toContain("INNGEST_DEV: must not be set in production");
    expect(result.stderr).toContain("INNGEST_EVENT_KEY: missing");
    expect(result.stderr).toContain("INNGEST_SIGNING_KEY: missing");
  });

  it("refuses INNGEST_DEV even when both keys are set", () => {
    const result = startServer({ ...complete, INNGEST_DEV: "http://127.0.0.1:8288" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("INNGEST_DEV");
    expect(result.stderr).not.toContain("127.0.0.1:8288");
  });

  it("refuses a RESEND_WEBHOOK_SECRET that is not whsec_ + base64, without printing it", () => {
    const secret = "whsec_not*base64*at*all";
    const result = startServer({ ...complete, RESEND_WEBHOOK_SECRET: secret });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("RESEND_WEBHOOK_SECRET: malformed");
    expect(result.stderr).not.toContain(secret);
  });

  it("refuses TRUST_PROXY=true: the setting must name the proxy", () => {
    const result = startServer({ ...complete, TRUST_PROXY: "true" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("TRUST_PROXY: name the proxy");
  });
});

describe("the same rules in loadConfig", () => {
  it("accepts the complete production environment", () => {
    expect(problems(complete)).toEqual({});
  });

  it("INNGEST_DEV=0 or false is not dev mode", () => {
    expect(problems({ ...complete, INNGEST_DEV: "0" })).toEqual({});
    expect(problems({ ...complete, INNGEST_DEV: "false" })).toEqual({});
  });

  for (const secret of ["abc", "whsec_", "whsec_abc", "whsec_%%%%", "dGVzdHNlY3JldA=="]) {
    it(`refuses the webhook secret form ${JSON.stringify(secret)} in production`, () => {
      expect(Object.keys(problems({ ...complete, RESEND_WEBHOOK_SECRET: secret }))).toEqual([
        "RESEND_WEBHOOK_SECRET",
      ]);
    });
  }

  it("reads TRUST_PROXY as a proxy name, a hop count or proxy addresses", () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: "none" });
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toEqual({ kind: "none" });
    expect(loadConfig({ TRUST_PROXY: "cloudflare" }).trustProxy).toEqual({ kind: "cloudflare" });
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toEqual({ kind: "hops", hops: 2 });
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 10.0.0.2" }).trustProxy).toEqual({
      kind: "addresses",
      addresses: ["10.0.0.1", "10.0.0.2"],
    });
    for (const bad of ["true", "on", "yes", "11", "proxy.example"]) {
      expect(Object.keys(problems({ TRUST_PROXY: bad }))).toEqual(["TRUST_PROXY"]);
    }
  });
});

// The Node entry refuses to start in production without its secrets, naming each one and printing no value.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("src/server.ts start-up", () => {
  it("exits non-zero in production without secrets, naming every missing variable", () => {
    const secretValue = "too-short";
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", ADMIN_TOKEN: secretValue },
      encoding: "utf8",
      // Generous: on a loaded machine (CI, several suites at once) tsx alone can take over 15 s to start.
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    for (const name of [
      "APP_URL",
      "TOKEN_SECRET",
      "RESEND_API_KEY",
      "RESEND_WEBHOOK_SECRET",
      "EMAIL_FROM",
      "POSTAL_ADDRESS",
      "REPLIES_ADDRESS",
      "REPLIES_FORWARD_TO",
      "INNGEST_EVENT_KEY",
      "INNGEST_SIGNING_KEY",
    ]) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stderr).toContain("ADMIN_TOKEN: must be at least 24 characters");
    expect(result.stderr).not.toContain(secretValue);
  }, 70_000);
});

import { describe, expect, it } from "vitest";
import { createLogger, redact } from "../../src/lib/log.ts";

describe("log redaction", () => {
  it("masks addresses, tokens and secret-named fields", () => {
    const lines: string[] = [];
    const log = createLogger("debug", (l) => lines.push(l));
    log.info("signup from jane.doe+news@Example.org via /confirm?token=abc.def&x=1", {
      email: "jane@example.org",
      nested: { note: "contact bob@example.com", authorization: "Bearer sekret" },
      header: "Bearer abcdef123",
    });
    const out = lines.join("\n");
    expect(out).not.toMatch(/jane|bob@|abc\.def|sekret|abcdef123/);
    expect(out).toContain("[email]");
    expect(out).toContain("token=[redacted]");
  });

  it("respects the minimum level", () => {
    const lines: string[] = [];
    const log = createLogger("warn", (l) => lines.push(l));
    log.info("quiet");
    log.warn("loud");
    expect(lines).toHaveLength(1);
  });

  it("redacts error messages", () => {
    expect(redact(new Error("bounce for x@y.io"))).toEqual({ name: "Error", message: "bounce for [email]" });
  });
});

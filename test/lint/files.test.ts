// The CLI and the file entry points: a seeded fixture fails with positions, the shipped templates pass.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { formatFinding } from "../../src/lint/index.ts";
import { lintFiles, lintTemplatesDir, loadAuthorRegistry } from "../../src/lint/templates-dir.ts";

// The fixtures are kept in Biome's Markdown format (blank lines around the front matter), as `npm run format`
// writes them: otherwise a format run would shift every line and CI's `biome check` would fail on them.
const FIXTURES = "test/fixtures/lint";
const AUTHORS = `${FIXTURES}/authors.yaml`;

function cli(...args: string[]) {
  // process.execPath is the Node 24 binary running vitest; the CLI must work under plain `node --import tsx`.
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/lint-content.ts", ...args], {
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("lint:content CLI", () => {
  it("fails on the seeded fixture and prints compiler-style positions", () => {
    const { status, stdout } = cli("--authors", AUTHORS, "--today", "2026-11-28", `${FIXTURES}/bad.md`);
    expect(status).toBe(1);
    const lines = stdout.split("\n").filter((l) => l.startsWith(`${FIXTURES}/bad.md:`));
    expect(lines.map((l) => l.split(" ").slice(0, 3).join(" "))).toEqual([
      `${FIXTURES}/bad.md:4:11 error subject-health-detail`,
      `${FIXTURES}/bad.md:4:25 warning sensational-words`,
      `${FIXTURES}/bad.md:5:16 error subject-suicide`,
      `${FIXTURES}/bad.md:6:9 error author-unknown`,
      `${FIXTURES}/bad.md:8:13 warning review-stale`,
      `${FIXTURES}/bad.md:16:16 warning sensational-words`,
      `${FIXTURES}/bad.md:18:13 error ketamine-fda-approved`,
      `${FIXTURES}/bad.md:19:1 error unsourced-figure`,
      `${FIXTURES}/bad.md:21:11 error absolute-claims`,
      `${FIXTURES}/bad.md:21:19 error absolute-claims`,
      `${FIXTURES}/bad.md:21:29 error absolute-claims`,
      `${FIXTURES}/bad.md:22:6 error suicide-language`,
      `${FIXTURES}/bad.md:24:6 warning ketamine-unapproved-forms`,
      `${FIXTURES}/bad.md:26:1 error allow-marker-invalid`,
    ]);
    expect(stdout).toContain("10 errors, 4 warnings in 1 file");
  });

  it("prints machine-readable findings with --json", () => {
    const { status, stdout } = cli(
      "--json",
      "--authors",
      AUTHORS,
      "--today",
      "2026-11-28",
      `${FIXTURES}/bad.md`,
    );
    expect(status).toBe(1);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ errors: 10, warnings: 4, files: [`${FIXTURES}/bad.md`] });
    expect(result.findings[0]).toMatchObject({ ruleId: "subject-health-detail", line: 4, column: 11 });
  });

  it("exits 0 on a file with near misses only", () => {
    const { status, stdout } = cli("--authors", AUTHORS, "--today", "2026-11-28", `${FIXTURES}/good.md`);
    expect(stdout).toBe("0 errors, 0 warnings in 1 file\n");
    expect(status).toBe(0);
  });

  it("exits 0 with warnings only", () => {
    const { status, stdout } = cli("--authors", AUTHORS, "--today", "2028-01-01", `${FIXTURES}/good.md`);
    expect(stdout).toContain("warning review-stale");
    expect(status).toBe(0);
  });

  it("rejects unknown options with exit 2", () => {
    expect(cli("--nope").status).toBe(2);
  });

  it("passes on the shipped templates/", () => {
    const { status, stdout } = cli();
    expect(stdout).not.toMatch(/ error /);
    expect(status).toBe(0);
  });
});

describe("the shipped templates", () => {
  it("have lessons, a valid authors registry, and no errors", () => {
    const result = lintTemplatesDir("templates");
    expect(result.files.filter((f) => f.startsWith("templates/lessons/")).length).toBeGreaterThan(0);
    // Listing the findings makes a failure say exactly what to fix.
    expect(result.findings.filter((f) => f.severity === "error").map(formatFinding)).toEqual([]);
  });
});

describe("authors registry", () => {
  it("loads a valid registry", () => {
    const { ids, findings } = loadAuthorRegistry(AUTHORS);
    expect(findings).toEqual([]);
    expect([...(ids ?? [])]).toEqual(["tessa-eskin", "dr-ana-ruiz"]);
  });

  it("reports an invalid registry with positions and skips author-unknown rather than flag every author", () => {
    const { ids, findings } = loadAuthorRegistry(`${FIXTURES}/authors-invalid.yaml`);
    expect(ids).toBeUndefined();
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      "5:9 authors-registry-invalid", // id "Not An Id"
      "6:11 authors-registry-invalid", // name "X" is too short
      "2:3 authors-registry-invalid", // no author has sender: true (reported on the list)
    ]);
    const result = lintFiles([`${FIXTURES}/bad.md`], { authorsPath: `${FIXTURES}/authors-invalid.yaml` });
    expect(result.findings.some((f) => f.ruleId === "author-unknown")).toBe(false);
    expect(result.findings.filter((f) => f.ruleId === "authors-registry-invalid")).toHaveLength(3);
  });

  it("reports a missing registry file", () => {
    const { ids, findings } = loadAuthorRegistry(`${FIXTURES}/no-such-file.yaml`);
    expect(ids).toBeUndefined();
    expect(findings).toMatchObject([{ ruleId: "authors-registry-invalid", line: 1, column: 1 }]);
  });
});

// npm run lint:content [-- --json] [--authors FILE] [--today YYYY-MM-DD] [PATH...]
// Lints every .md under templates/ (or the given files and folders) for unsafe health claims and unsafe messaging
// about suicide. Exit 1 on any error; warnings alone exit 0 but are listed for a person to review.
import { parseArgs } from "node:util";
import { formatFinding, formatSummary } from "../src/lint/format.ts";
import { lintFiles, lintTemplatesDir } from "../src/lint/templates-dir.ts";

function main(): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    process.stderr.write(`lint-content: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = args;
  const today = values.today === undefined ? undefined : new Date(`${values.today}T00:00:00Z`);
  if (today && Number.isNaN(today.getTime())) {
    process.stderr.write(`lint-content: --today must be YYYY-MM-DD, got "${values.today}"\n`);
    return 2;
  }
  const options = { ...(values.authors ? { authorsPath: values.authors } : {}), ...(today ? { today } : {}) };

  let result: ReturnType<typeof lintFiles>;
  try {
    result =
      positionals.length > 0 ? lintFiles(positionals, options) : lintTemplatesDir("templates", options);
  } catch (error) {
    process.stderr.write(`lint-content: ${(error as Error).message}\n`);
    return 2;
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const finding of result.findings) process.stdout.write(`${formatFinding(finding)}\n`);
    process.stdout.write(`${formatSummary(result, result.files.length)}\n`);
  }
  return result.errors > 0 ? 1 : 0;
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      authors: { type: "string" },
      today: { type: "string" },
    },
  });
}

process.exitCode = main();

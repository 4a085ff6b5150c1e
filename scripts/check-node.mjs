// Runs before every entry point (`npm run dev`, `npm start`, `npm test`, the CLI, CI). Plain JavaScript with
// no imports beyond node:, so even an old Node runs it and can say in one line what is wrong, instead of failing
// later with ERR_UNKNOWN_FILE_EXTENSION ".ts" or a native-module crash. The range comes from package.json
// `engines.node` (the one place it is written), which supports `^X.Y.Z`, `>=X.Y.Z` and `||`.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const parse = (version) =>
  version
    .replace(/^v/, "")
    .split(".")
    .map((part) => Number.parseInt(part, 10) || 0);

const atLeast = (have, want) => {
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  }
  return true;
};

/** True when `version` (e.g. "24.21.0") satisfies a range such as "^22.22.2 || ^24.15.0 || >=26". */
export function satisfies(version, range) {
  const have = parse(version);
  return range.split("||").some((alternative) => {
    const comparator = alternative.trim();
    if (comparator.startsWith(">=")) return atLeast(have, parse(comparator.slice(2).trim()));
    if (comparator.startsWith("^")) {
      const want = parse(comparator.slice(1).trim());
      return have[0] === want[0] && atLeast(have, want);
    }
    throw new Error(`check-node: unsupported engines.node comparator "${comparator}"`);
  });
}

/** The one-line refusal for a Node outside `range`, or undefined when it fits. */
export function nodeVersionProblem(version, range) {
  if (satisfies(version, range)) return undefined;
  return `This project needs Node ${range} (you have ${version}). Run \`nvm install\` here (it reads .nvmrc: Node 24) or get Node 24 LTS from https://nodejs.org, then run the command again.`;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const problem = nodeVersionProblem(process.versions.node, manifest.engines.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

// The Node version check that runs before every entry point: a Node outside package.json `engines` gets one
// line naming what is needed and how to get it, instead of ERR_UNKNOWN_FILE_EXTENSION or a native crash.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { nodeVersionProblem, satisfies } from "../../scripts/check-node.mjs";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const range = manifest.engines.node;

it("accepts the Node that runs the project and refuses the ones that cannot", () => {
  expect(satisfies(process.versions.node, range)).toBe(true);
  for (const version of ["24.15.0", "24.21.0", "22.22.2", "26.0.0"])
    expect(satisfies(version, range)).toBe(true);
  // 20 cannot run .ts files; 22.12 and 24.0 fail the dependencies' own engines (jsdom, undici).
  for (const version of ["20.20.2", "22.12.0", "22.18.0", "24.0.0", "24.14.1", "25.2.0"]) {
    expect(satisfies(version, range)).toBe(false);
  }
});

it("says in one line what is needed and how to get it", () => {
  const message = nodeVersionProblem("20.20.2", range);
  expect(message).toBe(
    `This project needs Node ${range} (you have 20.20.2). Run \`nvm install\` here (it reads .nvmrc: Node 24) or get Node 24 LTS from https://nodejs.org, then run the command again.`,
  );
  expect(message?.includes("\n")).toBe(false);
  expect(nodeVersionProblem(process.versions.node, range)).toBeUndefined();
});

it("runs first in dev, start, test and the CLI, and lets a fitting Node through", () => {
  for (const script of ["dev", "start", "test", "campaign"]) {
    expect(manifest.scripts[script]?.startsWith("node scripts/check-node.mjs && ")).toBe(true);
  }
  const run = spawnSync(process.execPath, ["scripts/check-node.mjs"], { encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stderr).toBe("");
});

it("npm refuses to install on a Node outside engines", () => {
  expect(readFileSync(".npmrc", "utf8")).toMatch(/^engine-strict=true$/m);
});

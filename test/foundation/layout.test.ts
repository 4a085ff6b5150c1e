// Folder-level import graph of src/: a folder may import from another only if that one never imports back,
// directly or through others. Cycles between folders are how "domain" modules end up needing the functions that
// run them; this keeps the layering (inngest → domains → functions → api → app) one-way.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The node of the graph a file belongs to: its top folder under src/ (nested folders count as their top), or
 * the file itself for the few directly in src/ (config, deps, the app and its entries), which sit at either end
 * of the layering and so must not be lumped together.
 */
function folderOf(file: string): string {
  const rel = relative(SRC, file);
  const [top, ...rest] = rel.split("/");
  return rest.length === 0 ? rel.replace(/\.tsx?$/, "") : (top as string);
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.[^"']+)["']\s*\)/g;

/** node → nodes it imports from (relative imports only; type-only imports count too). */
function importGraph(nodeOf: (file: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = nodeOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const text = readFileSync(file, "utf8");
    for (const pattern of [IMPORT, DYNAMIC]) {
      for (const match of text.matchAll(pattern)) {
        const target = resolve(dirname(file), match[1] as string);
        if (!target.startsWith(`${SRC}/`)) continue;
        const to = nodeOf(target);
        if (to !== from) edges.add(to);
      }
    }
  }
  return graph;
}

const folderGraph = () => importGraph(folderOf);

/** Every cycle found by a depth-first walk, as the list of folders on it. */
function folderCycles(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe("src/ layout", () => {
  it("has no import cycle between folders", () => {
    expect(folderCycles(folderGraph()).map((c) => c.join(" → "))).toEqual([]);
  });

  it("has no import cycle between files either (e.g. lint/checks.ts and lint/rules.ts)", () => {
    const graph = importGraph((file) => relative(SRC, file));
    expect(folderCycles(graph).map((c) => c.join(" → "))).toEqual([]);
  });

  it("keeps functions/ at the edge: only the app imports it, domains import events from inngest/", () => {
    const importers = [...folderGraph()].filter(([, to]) => to.has("functions")).map(([from]) => from);
    expect(importers).toEqual(["app"]);
  });

  it("the cycle finder reports a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(folderCycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });

  it("has a row in the README's layout table for every folder", () => {
    const readme = readFileSync(resolve(SRC, "../README.md"), "utf8");
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((name) => !readme.includes(`| \`src/${name}/\` |`))).toEqual([]);
  });

  it("sees the folders' imports (the graph is not empty)", () => {
    expect(folderGraph().get("api")?.has("subscribers")).toBe(true);
  });
});

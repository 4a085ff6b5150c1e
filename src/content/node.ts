// Node-only: reads templates/ from disk. Kept out of loader.ts so the Workers bundle never imports node:fs.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Content, loadContent } from "./loader.ts";
import type { RawContentFile } from "./schema.ts";

/** The repository root, derived from this file's location so it works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Every file under `<root>/templates`, with paths relative to `root` and always using "/". */
export function readContentFiles(root: string = REPO_ROOT): RawContentFile[] {
  const dir = join(root, "templates");
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => {
      const full = join(e.parentPath, e.name);
      return { path: relative(root, full).split(sep).join("/"), text: readFileSync(full, "utf8") };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Reads and validates templates/ under `root` (default: this repository). Throws ContentError when invalid. */
export function loadContentFromDisk(root: string = REPO_ROOT): Content {
  return loadContent(readContentFiles(root));
}

// GET /admin/assets/:name: the console's first-party CSS and scripts, from modules (no filesystem at request
// time, so it works on Workers). A page's script is added here by name and loaded with <script src defer>;
// the console CSP allows scripts from 'self' only.
import { Hono } from "hono";
import { CONSOLE_CSS } from "./console-css.ts";

const ASSETS: Record<string, { type: string; body: string }> = {
  "console.css": { type: "text/css; charset=utf-8", body: CONSOLE_CSS },
};

export function consoleAssetRoutes() {
  return new Hono().get("/:name", (c) => {
    const asset = ASSETS[c.req.param("name")];
    if (!asset) return c.notFound();
    c.header("Content-Type", asset.type);
    // Short: a deploy changes the bytes under the same name.
    c.header("Cache-Control", "public, max-age=300");
    return c.body(asset.body);
  });
}

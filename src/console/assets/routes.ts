// GET /admin/assets/:name: the console's first-party CSS and scripts, from modules (no filesystem at request
// time, so it works on Workers). A page's script is added here by name and loaded with <script src defer>;
// the console CSP allows scripts from 'self' only.
import { Hono } from "hono";
import { CAMPAIGNS_CSS, EDITOR_SCRIPT, LOCAL_TIME_SCRIPT, PROGRESS_SCRIPT } from "../campaigns/assets.ts";
import { CONSOLE_CSS } from "./console-css.ts";
import { PEOPLE_CSS } from "./people-css.ts";

const ASSETS: Record<string, { type: string; body: string }> = {
  "console.css": { type: "text/css; charset=utf-8", body: CONSOLE_CSS + PEOPLE_CSS },
  "campaigns.css": { type: "text/css; charset=utf-8", body: CAMPAIGNS_CSS },
  "campaign-editor.js": { type: "text/javascript; charset=utf-8", body: EDITOR_SCRIPT },
  "campaign-progress.js": { type: "text/javascript; charset=utf-8", body: PROGRESS_SCRIPT },
  "local-time.js": { type: "text/javascript; charset=utf-8", body: LOCAL_TIME_SCRIPT },
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

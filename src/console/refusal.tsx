/** @jsxImportSource hono/jsx */
// The answer to a form posted from another origin (hono/csrf's refusal), as a console page.
import type { Context } from "hono";
import { CrossSitePage } from "./pages/refusals.tsx";

export const crossSiteRefusal = (c: Context) => c.html(<CrossSitePage />, 403);

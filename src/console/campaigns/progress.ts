// GET /admin/campaigns/:id/progress.json: what the progress bar's script polls (the same campaignProgress as the
// admin API's GET /api/admin/campaigns/:id/progress).
import { Hono } from "hono";
import { failureResponse } from "../../api/errors.ts";
import { campaignProgress } from "../../campaigns/progress.ts";
import type { AppDeps } from "../../deps.ts";
import type { ConsoleEnv } from "../env.ts";
import { progressText } from "./components/progress-bar.tsx";
import { utc } from "./shared.ts";

export function campaignProgressRoutes(deps: Pick<AppDeps, "content" | "db" | "now">) {
  return new Hono<ConsoleEnv>().get("/:id/progress.json", async (c) => {
    const result = await campaignProgress(deps, c.req.param("id"));
    if (!result.ok) return failureResponse(c, result);
    const p = result.progress;
    return c.json({
      progress: p,
      text: progressText(p),
      finish:
        p.status === "sent"
          ? `Finished ${utc(p.finishedAt)}.`
          : p.expectedFinishAt
            ? `Expected to finish around ${utc(p.expectedFinishAt)}.`
            : "Expected finish: not known yet.",
    });
  });
}

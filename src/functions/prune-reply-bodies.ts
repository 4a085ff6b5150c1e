// Replies are health data (safety rule 22): their subjects and bodies are deleted REPLY_RETENTION_DAYS after
// they arrived (default 30). The triage record (class, rule, times) stays for the queue's history and counts.
import type { AppDeps } from "../deps.ts";
import { pruneDevInbox, pruneReplyBodies } from "../replies/store.ts";
import { dailyJob } from "./daily-job.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export function createPruneReplyBodies(deps: AppDeps) {
  return deps.inngest.createFunction(
    dailyJob("prune-reply-bodies", "TZ=UTC 15 4 * * *"),
    async ({ step }) => {
      const now = await step.run("read-clock", () => deps.now().getTime());
      const before = new Date(now - deps.config.replies.retentionDays * DAY_MS);
      const bodies = await step.run("delete-reply-bodies", () =>
        pruneReplyBodies(deps.db, before, new Date(now)),
      );
      const devMessages = await step.run("delete-dev-inbox", () => pruneDevInbox(deps.db, before));
      return { bodies, devMessages };
    },
  );
}

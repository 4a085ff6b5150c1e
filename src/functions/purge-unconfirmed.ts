// Data minimisation: people who signed up but never confirmed are deleted, with their consent records, once
// their sign-up and their last confirmation email are more than 30 days old (confirm links expire after 7).

import type { AppDeps } from "../deps.ts";
import { purgeUnconfirmedPage, UNCONFIRMED_RETENTION_MS } from "../privacy/purge.ts";
import { dailyJob } from "./daily-job.ts";

// D1 binds at most 100 parameters per statement and each page is deleted with `IN (ids)`.
export const PURGE_PAGE_SIZE = 90;
/** A cap per run so one run stays short; whatever is left goes the next night. */
export const PURGE_MAX_PAGES = 40;

export function createPurgeUnconfirmed(deps: AppDeps) {
  return deps.inngest.createFunction(dailyJob("purge-unconfirmed", "TZ=UTC 30 3 * * *"), async ({ step }) => {
    // The clock is read inside a step so a resumed run uses the same cutoff.
    const cutoff = await step.run("compute-cutoff", () => deps.now().getTime() - UNCONFIRMED_RETENTION_MS);
    let deleted = 0;
    for (let page = 1; page <= PURGE_MAX_PAGES; page++) {
      const count = await step.run(`delete-page-${page}`, () =>
        purgeUnconfirmedPage(deps.db, new Date(cutoff), PURGE_PAGE_SIZE),
      );
      deleted += count;
      if (count < PURGE_PAGE_SIZE) break;
    }
    return { deleted, cutoff: new Date(cutoff).toISOString() };
  });
}

// The options every nightly housekeeping function shares: a cron in UTC, one run at a time (a slow night must not
// overlap the next), a few retries. Each job reads the clock in a step first, so a resumed run keeps its cutoff.
export function dailyJob<Id extends string>(id: Id, cron: string) {
  return { id, triggers: [{ cron }], concurrency: { limit: 1 }, retries: 3 as const };
}

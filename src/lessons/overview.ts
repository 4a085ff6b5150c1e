// The drip series as the console's content page shows it: each lesson in order with its delay, who reviewed it and
// when (front matter), what the content safety linter says about it today, and how many people it reached.
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { authorById, type Lesson } from "../content/index.ts";
import { type SendStatus, sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { type Finding, lintForSending } from "../lint/index.ts";

type Deps = Pick<AppDeps, "db" | "content" | "now">;

/** Statuses that mean the message reached (or is on its way to) the inbox; a bounce or failure did not. */
const REACHED: readonly SendStatus[] = ["sent", "delivered", "delivery_delayed", "complained"];

export type LessonSummary = {
  id: string;
  order: number;
  subject: string;
  preheader: string;
  /** As written in the front matter ("2d"), and in ms before DRIP_TIME_SCALE. */
  delay: string;
  delayMs: number;
  /** Days after confirming that the lesson goes out (the sum of the delays so far, unscaled). */
  dayInSeries: number;
  author: { name: string; role: string };
  review: { reviewer: string; role: string; reviewedOn: string | null } | null;
  lint: { errors: number; warnings: number; findings: Finding[] };
  sends: { received: number; delivered: number; bounced: number; failed: number };
  path: string;
};

/** Lint one lesson as the send path would see it (today's date: reviews age). */
export function lintLesson(deps: Pick<Deps, "content" | "now">, lesson: Lesson) {
  return lintForSending(
    { ...lesson, bodyMarkdown: lesson.body },
    { authors: deps.content, today: deps.now() },
  );
}

/**
 * Lesson sends per lesson and status. The lesson is the part of the idempotency key after `<subscriberId>:`
 * (drip-series keys them so); an erased person's sends lose that key, so they drop out of these counts.
 */
async function sendCounts(deps: Pick<Deps, "db">) {
  const lesson = sql<string>`substr(${sends.idempotencyKey}, length(${sends.subscriberId}) + 2)`;
  const rows = await deps.db
    .select({ lesson, status: sends.status, n: count() })
    .from(sends)
    .where(and(eq(sends.kind, "lesson"), isNotNull(sends.subscriberId)))
    .groupBy(lesson, sends.status);
  const byLesson = new Map<string, Map<SendStatus, number>>();
  for (const row of rows) {
    const statuses = byLesson.get(row.lesson) ?? new Map<SendStatus, number>();
    statuses.set(row.status, row.n);
    byLesson.set(row.lesson, statuses);
  }
  return byLesson;
}

export async function lessonOverview(deps: Deps): Promise<LessonSummary[]> {
  const counts = await sendCounts(deps);
  let day = 0;
  return deps.content.lessons.map((lesson) => {
    day += lesson.delayMs / 86_400_000;
    const statuses = counts.get(lesson.id) ?? new Map<SendStatus, number>();
    const sum = (list: readonly SendStatus[]) => list.reduce((n, s) => n + (statuses.get(s) ?? 0), 0);
    const author = authorById(deps.content, lesson.author);
    const reviewer = lesson.reviewer ? authorById(deps.content, lesson.reviewer) : undefined;
    const lint = lintLesson(deps, lesson);
    return {
      id: lesson.id,
      order: lesson.order,
      subject: lesson.subject,
      preheader: lesson.preheader,
      delay: lesson.delay,
      delayMs: lesson.delayMs,
      dayInSeries: Math.round(day * 100) / 100,
      author: { name: author.name, role: author.role },
      review: reviewer
        ? { reviewer: reviewer.name, role: reviewer.role, reviewedOn: lesson.reviewedOn ?? null }
        : null,
      lint: { errors: lint.errors, warnings: lint.warnings, findings: lint.findings },
      sends: {
        received: sum(REACHED),
        delivered: sum(["delivered", "complained"]),
        bounced: sum(["bounced"]),
        failed: sum(["failed", "suppressed"]),
      },
      path: lesson.path,
    };
  });
}

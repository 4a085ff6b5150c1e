// Resolves a lesson's people and position from the loaded content, so callers only supply per-recipient data.
import { authorById, type Content, type Lesson } from "../content/loader.ts";
import type { LessonEmailProps } from "./lesson.tsx";
import type { EmailContext } from "./types.ts";

export function buildLessonProps(
  content: Pick<Content, "authors" | "lessons">,
  lesson: Lesson,
  recipient: {
    ctx: EmailContext;
    firstName?: string | null | undefined;
    unsubscribeUrl: string;
    preferencesUrl: string;
  },
): LessonEmailProps {
  const index = content.lessons.findIndex((l) => l.id === lesson.id);
  if (index < 0) throw new Error(`lesson "${lesson.id}" is not in the loaded series`);
  return {
    ...recipient,
    lesson,
    author: authorById(content, lesson.author),
    adaptedFrom: lesson.adaptedFrom ? authorById(content, lesson.adaptedFrom) : undefined,
    reviewer: lesson.reviewer ? authorById(content, lesson.reviewer) : undefined,
    lessonNumber: index + 1,
    lessonCount: content.lessons.length,
  };
}

// Preview props for one lesson, from raw content files (the generated bundle). The per-lesson preview entries
// under preview/lessons/ are written by scripts/bundle-content.ts and call this.
import { lessonById, loadContent } from "../content/loader.ts";
import type { RawContentFile } from "../content/schema.ts";
import type { LessonEmailProps } from "./lesson.tsx";
import { buildLessonProps } from "./lesson-props.ts";
import { previewRecipient } from "./preview-data.ts";

export function lessonPreviewProps(files: RawContentFile[], lessonId: string): LessonEmailProps {
  const content = loadContent(files);
  const lesson = lessonById(content, lessonId);
  if (!lesson) throw new Error(`no lesson "${lessonId}" in templates/lessons (run npm run content:bundle)`);
  return buildLessonProps(content, lesson, previewRecipient(content));
}

// One lesson rendered exactly as the drip sends it (the real React Email render: crisis footer, attribution,
// unsubscribe footer), addressed to the sample reader, for the console's preview.
import { lessonById } from "../content/index.ts";
import type { AppDeps } from "../deps.ts";
import { emailContext } from "../emails/context.ts";
import { buildLessonProps } from "../emails/lesson-props.ts";
import { previewRecipient } from "../emails/preview-data.ts";
import { renderEmail } from "../emails/render.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";

export type LessonPreview = {
  lessonId: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
};

export async function lessonPreview(
  deps: Pick<AppDeps, "config" | "content">,
  lessonId: string,
  country = "US",
): Promise<Result<{ preview: LessonPreview }, Failure<"not_found">>> {
  const lesson = lessonById(deps.content, lessonId);
  if (!lesson) return fail("not_found", "No lesson with this id in templates/lessons/.");
  // Our own postal address and URL, so the preview shows the footer readers get; the reader is the sample one.
  const ctx = emailContext(deps, { locale: lesson.locale, country });
  const rendered = await renderEmail(
    "lesson",
    buildLessonProps(deps.content, lesson, { ...previewRecipient(deps.content, ctx), ctx }),
  );
  return {
    ok: true,
    preview: {
      lessonId,
      subject: rendered.subject,
      preheader: lesson.preheader,
      html: rendered.html,
      text: rendered.text,
    },
  };
}

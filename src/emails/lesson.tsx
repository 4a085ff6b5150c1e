import type { Lesson } from "../content/loader.ts";
import type { Author } from "../content/schema.ts";
import { ArticleLayout } from "./components/article-layout.tsx";
import { Paragraph } from "./components/typography.tsx";
import {
  previewCtx,
  previewPreferencesUrl,
  previewSender,
  previewUnsubscribeUrl,
  previewWriter,
} from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface LessonEmailProps {
  ctx: EmailContext;
  firstName?: string | null | undefined;
  lesson: Lesson;
  /** The lesson's `author`, resolved from the registry (see buildLessonProps). */
  author: Author;
  /** The lesson's `adaptedFrom` writer, when it has one. */
  adaptedFrom?: Author | undefined;
  reviewer?: Author | undefined;
  /** 1-based position in the series. */
  lessonNumber: number;
  lessonCount: number;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export function LessonEmail(props: LessonEmailProps) {
  const { ctx, firstName, lesson, lessonNumber, lessonCount } = props;
  return (
    <ArticleLayout
      ctx={ctx}
      title={lesson.subject}
      preheader={lesson.preheader}
      heading={lesson.subject}
      firstName={firstName}
      markdown={lesson.body}
      sources={lesson.sources}
      credits={{
        author: props.author,
        adaptedFrom: props.adaptedFrom,
        reviewer: props.reviewer,
        reviewedOn: lesson.reviewedOn,
      }}
      footer={{
        reason: `You are receiving this because you subscribed to the Hopemark Health newsletter. This is lesson ${lessonNumber} of ${lessonCount} in our introductory series.`,
        unsubscribeUrl: props.unsubscribeUrl,
        preferencesUrl: props.preferencesUrl,
      }}
      lead={
        <Paragraph muted>
          Lesson {lessonNumber} of {lessonCount}
        </Paragraph>
      }
    />
  );
}

const previewLesson: Lesson = {
  id: "preview-lesson",
  order: 1,
  subject: "Lesson 1: where this treatment story begins",
  preheader: "A medicine from the operating room, and why researchers took a second look at it.",
  author: previewSender.id,
  adaptedFrom: previewWriter.id,
  locale: "en",
  delay: "1d",
  delayMs: 86_400_000,
  path: "templates/lessons/preview.md",
  sources: [],
  body: "## A preview lesson\n\nThe real lessons live in `templates/lessons/`; each has its own preview.",
};

LessonEmail.PreviewProps = {
  ctx: previewCtx,
  firstName: "Sam",
  lesson: previewLesson,
  author: previewSender,
  adaptedFrom: previewWriter,
  lessonNumber: 1,
  lessonCount: 5,
  unsubscribeUrl: previewUnsubscribeUrl,
  preferencesUrl: previewPreferencesUrl,
} satisfies LessonEmailProps;

export default LessonEmail;

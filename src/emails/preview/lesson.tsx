// Preview entry for `npm run email`: the first lesson of the series as a subscriber gets it, from templates/
// (each lesson also has its own entry under preview/lessons/). LessonEmail's own PreviewProps are a short sample.
import { contentFiles } from "../../content/bundle.generated.ts";
import { loadContent } from "../../content/loader.ts";
import { LessonEmail, type LessonEmailProps } from "../lesson.tsx";
import { lessonPreviewProps } from "../lesson-preview.ts";

const first = loadContent(contentFiles).lessons[0];
if (!first) throw new Error("templates/lessons has no lesson to preview (run npm run content:bundle)");

export default function FirstLessonPreview(props: LessonEmailProps) {
  return <LessonEmail {...props} />;
}

FirstLessonPreview.PreviewProps = lessonPreviewProps(contentFiles, first.id);

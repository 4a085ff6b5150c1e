// The privacy notice is content like the lessons: templates/privacy.md, with its version in the front matter.
// Every consent row records content.privacy.version, so changing that one line is how the recorded version
// changes, and the /privacy page always shows the text of the version being recorded.
import { z } from "zod";
import { type ContentProblem, parseMarkdownFile } from "./markdown-file.ts";
import type { RawContentFile } from "./schema.ts";

export const PRIVACY_PATH = "templates/privacy.md";

export const privacyFrontMatterSchema = z.object({
  version: z.string().trim().min(1).max(100),
  updated: z.iso.date(),
});

export type PrivacyNotice = z.infer<typeof privacyFrontMatterSchema> & { body: string };

export function privacyNoticeFrom(
  files: readonly RawContentFile[],
  problems: ContentProblem[],
): PrivacyNotice {
  const missing = { version: "", updated: "", body: "" };
  const file = files.find((f) => f.path === PRIVACY_PATH);
  if (!file) {
    problems.push({ file: PRIVACY_PATH, field: "(file)", message: "missing" });
    return missing;
  }
  const parsed = parseMarkdownFile(file, privacyFrontMatterSchema, problems);
  if (!parsed.ok) return missing;
  return { ...parsed.value.data, body: parsed.value.body };
}

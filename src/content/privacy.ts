// The privacy notice is content like the lessons: templates/privacy.md, with its version in the front matter.
// Every consent row records content.privacy.version, so changing that one line is how the recorded version
// changes, and the /privacy page always shows the text of the version being recorded.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { readFrontMatter } from "./front-matter.ts";
import type { RawContentFile } from "./schema.ts";

export const PRIVACY_PATH = "templates/privacy.md";

export const privacyFrontMatterSchema = z.object({
  version: z.string().trim().min(1).max(100),
  updated: z.iso.date(),
});

export type PrivacyNotice = z.infer<typeof privacyFrontMatterSchema> & { body: string };

type Problem = { file: string; field: string; message: string };

export function privacyNoticeFrom(files: readonly RawContentFile[], problems: Problem[]): PrivacyNotice {
  const missing = { version: "", updated: "", body: "" };
  const file = files.find((f) => f.path === PRIVACY_PATH);
  if (!file) {
    problems.push({ file: PRIVACY_PATH, field: "(file)", message: "missing" });
    return missing;
  }
  const fm = readFrontMatter(file.text);
  const split = fm.ok
    ? { data: file.text.slice(fm.dataStart, fm.dataEnd), body: file.text.slice(fm.bodyStart).trim() }
    : undefined;
  if (!split || split.body === "") {
    problems.push({
      file: PRIVACY_PATH,
      field: "(file)",
      message: "needs a --- front matter --- and a body",
    });
    return missing;
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.data);
  } catch (error) {
    problems.push({
      file: PRIVACY_PATH,
      field: "(front matter)",
      message: `invalid YAML: ${(error as Error).message}`,
    });
    return missing;
  }
  const parsed = privacyFrontMatterSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        file: PRIVACY_PATH,
        field: String(issue.path[0] ?? "(front matter)"),
        message: issue.message,
      });
    }
    return missing;
  }
  return { ...parsed.data, body: split.body };
}

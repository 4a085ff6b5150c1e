// Every email the project can produce, with sample props: the five templates' PreviewProps, one sample per
// lesson file and one per campaign template. Tests, the export script, the previews and the bench all use
// this list, so a new lesson file is covered everywhere without a code change.
import { authorById, type Content } from "../content/loader.ts";
import { buildLessonProps } from "./lesson-props.ts";
import { lessonSampleName, previewRecipient } from "./preview-data.ts";
import { type EmailPropsById, emailRegistry, TEMPLATE_IDS, type TemplateId } from "./registry.ts";
import type { EmailContext } from "./types.ts";

export interface EmailSample<T extends TemplateId = TemplateId> {
  /** File-name friendly, unique: "welcome", "lesson-01-where-it-began", "campaign-questions-for-...". */
  name: string;
  templateId: T;
  props: EmailPropsById[T];
}

/** Samples for every template and every content file; `ctx` overrides locale, country and sender. */
export function emailSamples(content: Content, overrides: Partial<EmailContext> = {}): EmailSample[] {
  const recipient = previewRecipient(content, overrides);
  const { ctx } = recipient;
  const samples: EmailSample[] = TEMPLATE_IDS.map((id) => ({
    name: id,
    templateId: id,
    props: { ...emailRegistry[id].previewProps, ctx },
  }));
  for (const lesson of content.lessons) {
    samples.push({
      name: lessonSampleName(lesson),
      templateId: "lesson",
      props: buildLessonProps(content, lesson, recipient),
    } satisfies EmailSample<"lesson">);
  }
  for (const template of content.campaignTemplates) {
    samples.push({
      name: `campaign-${template.id}`,
      templateId: "campaign",
      props: {
        ...recipient,
        subject: template.subject,
        preheader: template.preheader,
        bodyMarkdown: template.body,
        // loadContent rejects unknown author and reviewer ids, so these lookups cannot throw.
        author: authorById(content, template.author),
        reviewer: template.reviewer ? authorById(content, template.reviewer) : undefined,
        reviewedOn: template.reviewedOn,
        sources: template.sources,
      },
    } satisfies EmailSample<"campaign">);
  }
  return samples;
}

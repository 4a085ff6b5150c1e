// Sample data for PreviewProps, the preview server and the render tests. Mirrors templates/authors.yaml.
import type { Content, Lesson } from "../content/loader.ts";
import type { Author } from "../content/schema.ts";
import type { EmailContext } from "./types.ts";

export const previewSender: Author = {
  id: "taylor-carter",
  name: "Taylor Carter",
  role: "Senior Marketing Manager, Hopemark Health",
  disclosure: "Taylor is an employee of Hopemark Health.",
  sender: true,
};

export const previewWriter: Author = {
  id: "tessa-eskin",
  name: "Tessa Eskin",
  role: "Health writer",
  disclosure: "Tessa writes for Hopemark Health.",
  sender: false,
};

export const previewCtx: EmailContext = {
  locale: "en",
  country: "US",
  postalAddress: "Hopemark Health, 100 Example Street, Suite 1, Springfield, ST 00000, USA",
  appUrl: "https://newsletter.hopemark.example",
  sender: previewSender,
};

export const previewUnsubscribeUrl = "https://newsletter.hopemark.example/u/preview-token";

/** The sample reader every content preview is addressed to; `overrides` replace parts of the context. */
export function previewRecipient(content: Pick<Content, "sender">, overrides: Partial<EmailContext> = {}) {
  const ctx: EmailContext = { ...previewCtx, sender: content.sender, ...overrides };
  return { ctx, firstName: "Sam", unsubscribeUrl: previewUnsubscribeUrl };
}

/** File-name friendly and unique per lesson, e.g. "lesson-01-where-it-began" (samples and preview files). */
export function lessonSampleName(lesson: Pick<Lesson, "order" | "id">): string {
  return `lesson-${String(lesson.order).padStart(2, "0")}-${lesson.id}`;
}

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

// Real signed links, as long as the ones subscribers get (about 190 characters): made by src/lib/tokens.ts with
// PREVIEW_TOKEN_SECRET for PREVIEW_SUBSCRIBER_ID, the confirm link issued at PREVIEW_ISSUED_AT. Constants,
// because PreviewProps are synchronous and signing is not; test/emails/layout.test.ts checks they verify.
export const PREVIEW_TOKEN_SECRET = "preview-token-secret-for-samples-only-0000000";
export const PREVIEW_SUBSCRIBER_ID = "5f0c2a9e-3b7d-4c1a-9e8f-2d6b4a1c7e93";
export const PREVIEW_ISSUED_AT = new Date("2026-12-01T00:00:00Z");
export const previewConfirmUrl =
  "https://newsletter.hopemark.example/confirm?token=eyJwIjoiY29uZmlybSIsInMiOiI1ZjBjMmE5ZS0zYjdkLTRjMWEtOWU4Zi0yZDZiNGExYzdlOTMiLCJlIjoxNzk2Njg4MDAwfQ.BgmWYkFb3q_yWAdJkDdi-DNS8uD40fFMwZKg8G48I40";
export const previewUnsubscribeUrl =
  "https://newsletter.hopemark.example/unsubscribe?token=eyJwIjoidW5zdWJzY3JpYmUiLCJzIjoiNWYwYzJhOWUtM2I3ZC00YzFhLTllOGYtMmQ2YjRhMWM3ZTkzIn0.ZVF8GFCZAmH2fj2ENKvCpAV7ktgdFRc_AE_j_sfRKwo";

/** The same token on the preferences page ("Manage preferences" in every marketing email). */
export const previewPreferencesUrl = previewUnsubscribeUrl.replace("/unsubscribe?", "/preferences?");

/** The sample reader every content preview is addressed to; `overrides` replace parts of the context. */
export function previewRecipient(content: Pick<Content, "sender">, overrides: Partial<EmailContext> = {}) {
  const ctx: EmailContext = { ...previewCtx, sender: content.sender, ...overrides };
  return {
    ctx,
    firstName: "Sam",
    unsubscribeUrl: previewUnsubscribeUrl,
    preferencesUrl: previewPreferencesUrl,
  };
}

/** File-name friendly and unique per lesson, e.g. "lesson-01-where-it-began" (samples and preview files). */
export function lessonSampleName(lesson: Pick<Lesson, "order" | "id">): string {
  return `lesson-${String(lesson.order).padStart(2, "0")}-${lesson.id}`;
}

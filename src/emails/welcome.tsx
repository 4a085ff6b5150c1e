import { SenderLayout, type SenderNote } from "./components/sender-layout.tsx";
import { Greeting, Paragraph, Title } from "./components/typography.tsx";
import { previewCtx, previewPreferencesUrl, previewUnsubscribeUrl } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface WelcomeEmailProps {
  ctx: EmailContext;
  firstName?: string | null | undefined;
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** Number of lessons in the drip series (content.lessons.length). */
  lessonCount: number;
  /** Whole days until the first lesson; omitted when not known. */
  firstLessonInDays?: number | undefined;
}

export const WELCOME_SUBJECT = "Welcome to the Hopemark Health newsletter";
const NOTE: SenderNote = {
  subject: WELCOME_SUBJECT,
  preheader: "What to expect from us, and how to reach support any time.",
  reason: "You are receiving this because you confirmed your subscription to the Hopemark Health newsletter.",
};

function when(days: number | undefined): string {
  if (days === undefined) return "soon";
  if (days <= 0) return "today";
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

export function WelcomeEmail({
  ctx,
  firstName,
  unsubscribeUrl,
  preferencesUrl,
  lessonCount,
  firstLessonInDays,
}: WelcomeEmailProps) {
  return (
    <SenderLayout ctx={ctx} note={NOTE} links={{ unsubscribeUrl, preferencesUrl }}>
      <Title>Welcome, and thank you for joining</Title>
      <Greeting firstName={firstName} />
      <Paragraph>
        Your subscription is confirmed. Over the coming weeks we will send you a short series of {lessonCount}{" "}
        lessons about a newer approach to treating depression that has not responded to other treatment: where
        it came from, what researchers think it does, how it is offered today and what the evidence can and
        cannot tell us.
      </Paragraph>
      <Paragraph>The first lesson arrives {when(firstLessonInDays)}.</Paragraph>
      <Paragraph>
        These emails are for learning, not a replacement for care from a clinician who knows you. If you are
        struggling right now, the support lines below are free and open day and night.
      </Paragraph>
    </SenderLayout>
  );
}

WelcomeEmail.PreviewProps = {
  ctx: previewCtx,
  firstName: "Sam",
  unsubscribeUrl: previewUnsubscribeUrl,
  preferencesUrl: previewPreferencesUrl,
  lessonCount: 5,
  firstLessonInDays: 1,
} satisfies WelcomeEmailProps;

export default WelcomeEmail;

import { Button } from "./components/button.tsx";
import { SenderLayout, type SenderNote } from "./components/sender-layout.tsx";
import { Greeting, Paragraph, SupportSignOff, Title } from "./components/typography.tsx";
import { previewCtx, previewPreferencesUrl, previewUnsubscribeUrl } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface WelcomeBackEmailProps {
  ctx: EmailContext;
  firstName?: string | null | undefined;
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** True while lessons of the series are still to come. */
  seriesContinues: boolean;
}

export const WELCOME_BACK_SUBJECT = "Your break is over: welcome back";
const NOTE: SenderNote = {
  subject: WELCOME_BACK_SUBJECT,
  preheader: "A short hello as your emails start again. Take more time whenever you need it.",
  reason:
    "You are receiving this one-time note because you took a break from the Hopemark Health newsletter and asked us to let you know when it ended.",
};

/** Sent once, only to readers who ticked "send me a short note when my break ends". */
export function WelcomeBackEmail({
  ctx,
  firstName,
  unsubscribeUrl,
  preferencesUrl,
  seriesContinues,
}: WelcomeBackEmailProps) {
  return (
    <SenderLayout ctx={ctx} note={NOTE} links={{ unsubscribeUrl, preferencesUrl }}>
      <Title>Welcome back</Title>
      <Greeting firstName={firstName} />
      <Paragraph>
        Your break from the Hopemark Health newsletter has ended, so our emails will start again.
        {seriesContinues
          ? " The lessons carry on where they stopped, with the next one on its way soon."
          : ""}
      </Paragraph>
      <Paragraph>
        There is no need to do anything. If you would like more time, or fewer emails, you can take another
        break or choose what we send you.
      </Paragraph>
      <Button href={preferencesUrl}>Manage your preferences</Button>
      <SupportSignOff />
    </SenderLayout>
  );
}

WelcomeBackEmail.PreviewProps = {
  ctx: previewCtx,
  firstName: "Sam",
  unsubscribeUrl: previewUnsubscribeUrl,
  preferencesUrl: previewPreferencesUrl,
  seriesContinues: true,
} satisfies WelcomeBackEmailProps;

export default WelcomeBackEmail;

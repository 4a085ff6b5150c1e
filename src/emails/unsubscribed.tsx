import { Button } from "./components/button.tsx";
import { SenderLayout, type SenderNote } from "./components/sender-layout.tsx";
import { Paragraph, SupportSignOff, Title } from "./components/typography.tsx";
import { previewCtx } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface UnsubscribedEmailProps {
  ctx: EmailContext;
  resubscribeUrl: string;
}

export const UNSUBSCRIBED_SUBJECT = "You have been unsubscribed";
const NOTE: SenderNote = {
  subject: UNSUBSCRIBED_SUBJECT,
  preheader: "We will not send you newsletter emails any more.",
  reason:
    "You are receiving this one-time confirmation because this address was unsubscribed from the Hopemark Health newsletter.",
};

export function UnsubscribedEmail({ ctx, resubscribeUrl }: UnsubscribedEmailProps) {
  return (
    <SenderLayout ctx={ctx} note={NOTE}>
      <Title>You have been unsubscribed</Title>
      <Paragraph>
        You will not receive any more newsletter emails from Hopemark Health. Thank you for reading with us.
      </Paragraph>
      <Paragraph>
        If this was a mistake, or you change your mind later, you can join again at any time.
      </Paragraph>
      <Button href={resubscribeUrl}>Subscribe again</Button>
      <SupportSignOff />
    </SenderLayout>
  );
}

UnsubscribedEmail.PreviewProps = {
  ctx: previewCtx,
  resubscribeUrl: "https://newsletter.hopemark.example/subscribe",
} satisfies UnsubscribedEmailProps;

export default UnsubscribedEmail;

import { Button } from "./components/button.tsx";
import { Layout } from "./components/layout.tsx";
import { Paragraph, Title } from "./components/typography.tsx";
import { previewCtx } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface UnsubscribedEmailProps {
  ctx: EmailContext;
  resubscribeUrl: string;
}

export const UNSUBSCRIBED_SUBJECT = "You have been unsubscribed";
const PREHEADER = "We will not send you newsletter emails any more.";

export function UnsubscribedEmail({ ctx, resubscribeUrl }: UnsubscribedEmailProps) {
  return (
    <Layout
      ctx={ctx}
      title={UNSUBSCRIBED_SUBJECT}
      preheader={PREHEADER}
      attribution={{ kind: "sender", sender: ctx.sender }}
      footer={{
        reason:
          "You are receiving this one-time confirmation because this address was unsubscribed from the Hopemark Health newsletter.",
      }}
    >
      <Title>You have been unsubscribed</Title>
      <Paragraph>
        You will not receive any more newsletter emails from Hopemark Health. Thank you for reading with us.
      </Paragraph>
      <Paragraph>
        If this was a mistake, or you change your mind later, you can join again at any time.
      </Paragraph>
      <Button href={resubscribeUrl}>Subscribe again</Button>
      <Paragraph>
        Whatever you decide, please look after yourself. Support is always available below.
      </Paragraph>
    </Layout>
  );
}

UnsubscribedEmail.PreviewProps = {
  ctx: previewCtx,
  resubscribeUrl: "https://newsletter.hopemark.example/subscribe",
} satisfies UnsubscribedEmailProps;

export default UnsubscribedEmail;

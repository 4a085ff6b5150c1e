import { Link } from "@react-email/components";
import { Button } from "./components/button.tsx";
import { SenderLayout, type SenderNote } from "./components/sender-layout.tsx";
import { cls } from "./components/styles.ts";
import { breakAnywhere, linkText } from "./components/theme.ts";
import { Greeting, Paragraph, Title } from "./components/typography.tsx";
import { previewConfirmUrl, previewCtx } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface ConfirmSubscriptionEmailProps {
  ctx: EmailContext;
  firstName?: string | null | undefined;
  /** Signed double opt-in link. */
  confirmUrl: string;
  expiresInDays: number;
}

export const CONFIRM_SUBJECT = "Please confirm your Hopemark Health subscription";
const NOTE: SenderNote = {
  subject: CONFIRM_SUBJECT,
  preheader: "One click to confirm. If you did not sign up, you can ignore this email.",
  reason:
    "You are receiving this one-time email because this address was entered on a Hopemark Health signup form.",
};

export function ConfirmSubscriptionEmail({
  ctx,
  firstName,
  confirmUrl,
  expiresInDays,
}: ConfirmSubscriptionEmailProps) {
  const days = expiresInDays === 1 ? "1 day" : `${expiresInDays} days`;
  return (
    <SenderLayout ctx={ctx} note={NOTE}>
      <Title>Confirm your subscription</Title>
      <Greeting firstName={firstName} />
      <Paragraph>
        Thanks for signing up for the Hopemark Health newsletter. Please confirm that you want to receive it.
        We will not send you anything else until you do.
      </Paragraph>
      <Button href={confirmUrl}>Confirm my subscription</Button>
      <Paragraph muted>The link expires in {days}.</Paragraph>
      {/* The text part already prints the address under the button, so this copy is for HTML readers only. */}
      <div data-skip-in-text="true">
        <Paragraph muted>If the button does not work, copy this link into your browser:</Paragraph>
        <Paragraph muted>
          {/* A signed link is about 190 characters: it must wrap on a phone rather than widen the email. */}
          <Link href={confirmUrl} className={cls.link} style={{ ...linkText, ...breakAnywhere }}>
            {confirmUrl}
          </Link>
        </Paragraph>
      </div>
      <Paragraph>
        Didn't ask for this? You can safely ignore this email. You will not be subscribed, and we will not
        email you again.
      </Paragraph>
    </SenderLayout>
  );
}

ConfirmSubscriptionEmail.PreviewProps = {
  ctx: previewCtx,
  firstName: "Sam",
  confirmUrl: previewConfirmUrl,
  expiresInDays: 7,
} satisfies ConfirmSubscriptionEmailProps;

export default ConfirmSubscriptionEmail;

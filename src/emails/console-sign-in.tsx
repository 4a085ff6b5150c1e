// The console's sign-in link, sent to a team member who asked for it on /admin/login. Transactional, but built on
// the same Layout as every other email, so it carries the crisis footer, the sender's attribution and the postal
// address like the rest (the send gate would refuse it otherwise).
import { Link } from "@react-email/components";
import { Button } from "./components/button.tsx";
import { SenderLayout, type SenderNote } from "./components/sender-layout.tsx";
import { cls } from "./components/styles.ts";
import { breakAnywhere, colors, typeface } from "./components/theme.ts";
import { Paragraph, Title } from "./components/typography.tsx";
import { previewCtx } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface ConsoleSignInEmailProps {
  ctx: EmailContext;
  /** The account's name, as the owner entered it. */
  name: string;
  /** The single-use link (GET shows a button; only its POST signs in). */
  signInUrl: string;
  expiresInMinutes: number;
}

export const CONSOLE_SIGN_IN_SUBJECT = "Your sign-in link for the Hopemark Health console";
const NOTE: SenderNote = {
  subject: CONSOLE_SIGN_IN_SUBJECT,
  preheader: "Valid for 15 minutes, once. If you did not ask for it, ignore this email.",
  reason:
    "You are receiving this one-time email because someone asked to sign in to the Hopemark Health newsletter console with this address.",
};

export function ConsoleSignInEmail({ ctx, name, signInUrl, expiresInMinutes }: ConsoleSignInEmailProps) {
  return (
    <SenderLayout ctx={ctx} note={NOTE}>
      <Title>Sign in to the console</Title>
      <Paragraph>Hello {name},</Paragraph>
      <Paragraph>
        Use the button below to sign in. The link works once, for {expiresInMinutes} minutes.
      </Paragraph>
      <Button href={signInUrl}>Sign in to the console</Button>
      <div data-skip-in-text="true">
        <Paragraph muted>If the button does not work, copy this link into your browser:</Paragraph>
        <Paragraph muted>
          <Link
            href={signInUrl}
            className={cls.link}
            style={{ ...typeface, ...breakAnywhere, color: colors.link, textDecoration: "underline" }}
          >
            {signInUrl}
          </Link>
        </Paragraph>
      </div>
      <Paragraph>
        Didn't ask for this? Ignore this email: nobody can sign in without the link. Never forward it.
      </Paragraph>
    </SenderLayout>
  );
}

ConsoleSignInEmail.PreviewProps = {
  ctx: previewCtx,
  name: "Sam Rivera",
  signInUrl:
    "https://newsletter.hopemark.example/admin/login/link?token=preview-token-not-valid-0000000000000000000",
  expiresInMinutes: 15,
} satisfies ConsoleSignInEmailProps;

export default ConsoleSignInEmail;

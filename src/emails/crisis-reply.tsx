// The one automatic answer to a reply that may be a crisis (safety rule 19): immediate, short and warm, the
// crisis lines for the reader's country first, and plain about who reads this inbox and when. It promises no
// call-back, argues with nothing and asks nothing about the reader's health.
import { Text } from "@react-email/components";
import { Box } from "./components/box.tsx";
import { CrisisBox, CrisisLineItem, crisisLineText } from "./components/crisis-footer.tsx";
import { CRISIS_FOOTER, crisisRegion } from "./components/crisis-lines.ts";
import { SenderLayout, type SenderNote } from "./components/sender-layout.tsx";
import { cls } from "./components/styles.ts";
import { space } from "./components/theme.ts";
import { Greeting, Paragraph, Title } from "./components/typography.tsx";
import { previewCtx } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface CrisisReplyEmailProps {
  ctx: EmailContext;
  firstName?: string | null | undefined;
}

// No health words in the subject (safety rule 15): it shows in inbox lists and on lock screens.
export const CRISIS_REPLY_SUBJECT = "We received your message";
const NOTE: SenderNote = {
  subject: CRISIS_REPLY_SUBJECT,
  preheader: "If you need support right now, help is available at any time.",
  reason:
    "You are receiving this one automatic reply because you wrote to Hopemark Health. We send at most one like it a day.",
};

export const CRISIS_REPLY_COPY = {
  thanks: "Thank you for writing to us. We are glad you reached out.",
  now: "If you are thinking about ending your life, or you are not safe right now, please contact one of the lines above now. They are free, confidential and there for you at any time, day or night.",
  inbox:
    "This inbox is read by a person on our team during working hours. It is not watched around the clock and it is not a crisis service, so please do not wait for us if you need someone now.",
  hope: "You do not have to explain anything to us. You matter, and help is available.",
} as const;

/**
 * The reader's crisis lines before anything else we say, from the same data as the footer (which the layout
 * still prints at the bottom, as on every email).
 */
function LinesFirst({ country }: { country?: string | null | undefined }) {
  const { lines } = CRISIS_FOOTER[crisisRegion(country)];
  return (
    // The space under the box keeps the title from sitting on its border.
    <Box style={{ padding: `0 0 ${space.lg}` }}>
      <CrisisBox>
        <Text className={cls.text} style={{ ...crisisLineText, fontWeight: 700 }}>
          If you need support right now, you can reach someone at any time:
        </Text>
        {lines.map((line) => (
          <CrisisLineItem key={line.text} line={line} />
        ))}
      </CrisisBox>
    </Box>
  );
}

export function CrisisReplyEmail({ ctx, firstName }: CrisisReplyEmailProps) {
  return (
    <SenderLayout ctx={ctx} note={NOTE}>
      <LinesFirst country={ctx.country} />
      <Title>We received your message</Title>
      <Greeting firstName={firstName} />
      <Paragraph>{CRISIS_REPLY_COPY.thanks}</Paragraph>
      <Paragraph>{CRISIS_REPLY_COPY.now}</Paragraph>
      <Paragraph>{CRISIS_REPLY_COPY.inbox}</Paragraph>
      <Paragraph>{CRISIS_REPLY_COPY.hope}</Paragraph>
    </SenderLayout>
  );
}

CrisisReplyEmail.PreviewProps = { ctx: previewCtx, firstName: "Sam" } satisfies CrisisReplyEmailProps;

export default CrisisReplyEmail;

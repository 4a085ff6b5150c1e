// What the team inbox (REPLIES_FORWARD_TO) receives for a reply: an [URGENT] alert when triage found a possible
// crisis, otherwise a plain forward for the reply queue. It carries what a person needs to answer and no more:
// the address to write back to (also the Reply-To), when it arrived, why triage flagged it, and the reader's own
// words without the quoted thread.
import { Text } from "@react-email/components";
import type { ReactNode } from "react";
import { Box } from "./components/box.tsx";
import { SenderLayout } from "./components/sender-layout.tsx";
import { cls } from "./components/styles.ts";
import { breakAnywhere, colors, fontSizes, lineHeights, space, typeface } from "./components/theme.ts";
import { Paragraph, Title } from "./components/typography.tsx";
import { previewCtx } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface ReplyAlertEmailProps {
  ctx: EmailContext;
  /** true: possible crisis, subject starts with [URGENT]. */
  urgent: boolean;
  replyClass: "crisis" | "unsubscribe" | "other";
  /** The triage rule and its description, so the reader of the alert sees why. */
  rule: string;
  ruleDescription: string;
  senderAddress: string;
  /** "on the list (sub_…)" or "not on the list". */
  subscriberNote: string;
  receivedAt: string;
  subject: string;
  /** The reader's own words, without the quoted thread. */
  words: string;
  /** What happened already: auto-reply sent / held back, unsubscribed, ... */
  actions: string[];
  /** The reply in the admin API, for marking it handled. */
  queueUrl: string;
}

export function replyAlertSubject(p: Pick<ReplyAlertEmailProps, "urgent" | "replyClass">): string {
  if (p.urgent) return "[URGENT] A reader's reply may need a person now";
  return p.replyClass === "unsubscribe"
    ? "Reader reply: unsubscribed by reply"
    : "Reader reply for the queue";
}

const words = {
  ...typeface,
  color: colors.text,
  fontSize: fontSizes.body,
  lineHeight: lineHeights.body,
  margin: 0,
};

/** Each line break as <br>: nested fragments, so no list (and no keys) is needed. */
function withLineBreaks(text: string): ReactNode {
  const [first, ...rest] = text.split("\n");
  return rest.reduce<ReactNode>(
    (before, line) => (
      <>
        {before}
        <br />
        {line}
      </>
    ),
    first,
  );
}

export function ReplyAlertEmail(props: ReplyAlertEmailProps) {
  const subject = replyAlertSubject(props);
  return (
    <SenderLayout
      ctx={props.ctx}
      note={{
        subject,
        preheader: props.urgent
          ? "Please read and reach out today."
          : "A reader replied to one of our emails.",
        reason:
          "You are receiving this because this address is the team inbox (REPLIES_FORWARD_TO) for replies to Hopemark Health emails.",
      }}
    >
      <Title>{props.urgent ? "A reader may be in crisis" : "A reader replied"}</Title>
      {props.urgent ? (
        <Paragraph>
          Triage matched a crisis rule. Please read their words and reach out today; replying to this email
          writes to them. Do not wait for the queue.
        </Paragraph>
      ) : (
        <Paragraph>Replying to this email writes to the reader.</Paragraph>
      )}
      <Paragraph>
        From: <span style={breakAnywhere}>{props.senderAddress}</span> ({props.subscriberNote})
        <br />
        Received: {props.receivedAt}
        <br />
        Triage: {props.replyClass}, rule {props.rule} ({props.ruleDescription})
        <br />
        Subject: {props.subject || "(none)"}
      </Paragraph>
      {props.actions.map((a) => (
        <Paragraph key={a}>{a}</Paragraph>
      ))}
      <Box style={{ borderLeft: `4px solid ${colors.border}`, padding: `${space.sm} ${space.md}` }}>
        <Text className={cls.text} style={words}>
          {/* Line breaks as <br>, not white-space: pre-wrap, which Outlook ignores. */}
          {props.words ? withLineBreaks(props.words) : "(no text)"}
        </Text>
      </Box>
      <Paragraph>
        {/* A long address has no place to wrap; on a phone it would widen the whole email. */}
        Mark it handled in the reply queue: <span style={breakAnywhere}>{props.queueUrl}</span>
      </Paragraph>
    </SenderLayout>
  );
}

ReplyAlertEmail.PreviewProps = {
  ctx: previewCtx,
  urgent: true,
  replyClass: "crisis",
  rule: "crisis-no-reason-to-live",
  ruleDescription: "Indirect: does not want to be here or alive, no reason to live, cannot go on",
  senderAddress: "reader@example.com",
  subscriberNote: "on the list, sub_preview, country US",
  receivedAt: "2026-12-01 09:00 UTC",
  subject: "Re: Lesson 2: why timing can matter so much",
  words: "I don't want to be here any more.",
  actions: ["The automatic reply with the US crisis lines was sent."],
  queueUrl: "https://newsletter.hopemark.example/api/admin/replies/rpl_preview",
} satisfies ReplyAlertEmailProps;

export default ReplyAlertEmail;

import type { Author, Source } from "../content/schema.ts";
import { ArticleLayout } from "./components/article-layout.tsx";
import type { Reviewer } from "./components/attribution.tsx";
import { colors } from "./components/theme.ts";
import { Paragraph } from "./components/typography.tsx";
import { previewCtx, previewPreferencesUrl, previewSender, previewUnsubscribeUrl } from "./preview-data.ts";
import type { EmailContext } from "./types.ts";

export interface CampaignEmailProps {
  ctx: EmailContext;
  /**
   * Printed verbatim. A broadcast renders once with a placeholder (e.g. "%%FIRST_NAME%%") and substitutes each
   * recipient's escapeHtml()'d name into the HTML and the raw name into the text. Absent: "Hello,".
   */
  firstName?: string | null | undefined;
  subject: string;
  preheader: string;
  bodyMarkdown: string;
  author: Author;
  reviewer?: Reviewer | undefined;
  reviewedOn?: string | undefined;
  sources?: readonly Source[] | undefined;
  /** Printed verbatim, never encoded, so a placeholder like "%%UNSUBSCRIBE_URL%%" survives rendering. */
  unsubscribeUrl: string;
  /** "Manage preferences"; printed verbatim like unsubscribeUrl. */
  preferencesUrl: string;
  /** A test send to the team: subject gets a "[Test]" prefix and the body a banner. */
  isTest?: boolean | undefined;
}

export function campaignSubject({ subject, isTest }: Pick<CampaignEmailProps, "subject" | "isTest">): string {
  return isTest ? `[Test] ${subject}` : subject;
}

export function CampaignEmail(props: CampaignEmailProps) {
  const { ctx, firstName, bodyMarkdown, isTest } = props;
  return (
    <ArticleLayout
      ctx={ctx}
      title={campaignSubject(props)}
      preheader={props.preheader}
      heading={props.subject}
      firstName={firstName}
      markdown={bodyMarkdown}
      sources={props.sources ?? []}
      credits={{ author: props.author, reviewer: props.reviewer, reviewedOn: props.reviewedOn }}
      footer={{
        reason: "You are receiving this because you subscribed to the Hopemark Health newsletter.",
        unsubscribeUrl: props.unsubscribeUrl,
        preferencesUrl: props.preferencesUrl,
        advertising: true,
      }}
      lead={
        isTest ? (
          <Paragraph>
            <span style={{ color: colors.crisisBorder, fontWeight: 700 }}>
              Test send: this preview went to the team only.
            </span>
          </Paragraph>
        ) : null
      }
    />
  );
}

CampaignEmail.PreviewProps = {
  ctx: previewCtx,
  firstName: "Sam",
  subject: "Questions worth bringing to your next appointment",
  preheader: "A short checklist to help you get more out of a conversation with your clinician.",
  bodyMarkdown:
    "## Getting the most from your appointment\n\nWriting a few questions down beforehand makes it easier to cover what matters to you.\n\n- What options are there if my current treatment is not helping enough?\n- Who can I contact between appointments if things get harder?",
  author: previewSender,
  unsubscribeUrl: previewUnsubscribeUrl,
  preferencesUrl: previewPreferencesUrl,
  isTest: false,
} satisfies CampaignEmailProps;

export default CampaignEmail;

// The frame of the two content emails, lessons and campaigns: a Markdown article under its own heading, greeted by
// first name, its sources under it and its credits (author, adapted-from writer, medical reviewer) in the
// attribution. Both are newsletter mail, so the footer always carries both links. Layout still prints the crisis
// banner and footer, the attribution and the unsubscribe footer.
import type { ReactNode } from "react";
import type { Source } from "../../content/schema.ts";
import type { EmailContext } from "../types.ts";
import type { AttributionProps } from "./attribution.tsx";
import { Layout } from "./layout.tsx";
import { MarkdownBody } from "./markdown-body.tsx";
import { Sources } from "./sources.tsx";
import { Greeting, Title } from "./typography.tsx";
import type { UnsubscribeFooterProps } from "./unsubscribe-footer.tsx";

/** Who wrote, adapted and reviewed the article (the content attribution without its kind). */
export type ArticleCredits = Omit<Extract<AttributionProps, { kind: "content" }>, "kind">;

export interface ArticleLayoutProps {
  ctx: EmailContext;
  /** The `<title>`: the subject line as sent. */
  title: string;
  preheader: string;
  /** The h1 above the greeting. */
  heading: string;
  /** Printed verbatim (campaigns render once with a placeholder); absent: "Hello,". */
  firstName?: string | null | undefined;
  markdown: string;
  sources: readonly Source[];
  credits: ArticleCredits;
  footer: Pick<UnsubscribeFooterProps, "reason" | "advertising"> & {
    unsubscribeUrl: string;
    preferencesUrl: string;
  };
  /** Shown above the heading: the lesson's place in the series, a test send's banner. */
  lead?: ReactNode;
}

export function ArticleLayout(props: ArticleLayoutProps) {
  return (
    <Layout
      ctx={props.ctx}
      title={props.title}
      preheader={props.preheader}
      attribution={{ kind: "content", ...props.credits }}
      footer={props.footer}
    >
      {props.lead}
      <Title>{props.heading}</Title>
      <Greeting firstName={props.firstName} />
      <MarkdownBody>{props.markdown}</MarkdownBody>
      <Sources sources={props.sources} />
    </Layout>
  );
}

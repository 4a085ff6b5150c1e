// The two frames the emails are built on besides Layout itself: SenderLayout (notes sent in the sender's name)
// and ArticleLayout (lessons and campaigns). Rendered for real, turned into text the way renderEmail does, and
// put through the send gate, so a frame that lost a footer, a link or a credit fails here.
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { ArticleLayout, type ArticleLayoutProps } from "../../src/emails/components/article-layout.tsx";
import { SenderLayout } from "../../src/emails/components/sender-layout.tsx";
import { SupportSignOff } from "../../src/emails/components/typography.tsx";
import {
  ADVERTISING_NOTICE,
  PREFERENCES_LABEL,
  UNSUBSCRIBE_LABEL,
} from "../../src/emails/components/unsubscribe-footer.tsx";
import { plainText } from "../../src/emails/plain-text.ts";
import { previewCtx, previewSender, previewWriter } from "../../src/emails/preview-data.ts";
import { unsubscribeHeaders } from "../../src/emails/render.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import type { EmailKind } from "../../src/mail/types.ts";

const ctx = previewCtx;
const flat = (s: string) => s.replace(/\s+/g, " ");
const note = {
  subject: "A note for the frame test",
  preheader: "The preheader of the frame test.",
  reason: "You are receiving this because the frame test asked for it.",
};
const UNSUB = "https://newsletter.test/unsubscribe?token=frame";
const PREFS = "https://newsletter.test/preferences?token=frame";

async function rendered(element: ReactElement) {
  const html = await render(element);
  return { html, text: flat(plainText(html)), flatHtml: flat(html) };
}

function gate(html: string, text: string, kind: EmailKind, advertising = false) {
  return checkMessage(
    {
      to: "reader@example.com",
      subject: note.subject,
      html,
      text,
      headers: kind === "marketing" ? unsubscribeHeaders(UNSUB) : {},
      tags: [],
      idempotencyKey: "frame-test",
      templateId: "frame-test",
      kind,
      advertising,
    },
    { postalAddress: ctx.postalAddress },
  );
}

describe("SenderLayout", () => {
  it("titles the email with the subject, credits the sender and gives the footer its reason", async () => {
    const { html, text, flatHtml } = await rendered(
      <SenderLayout ctx={ctx} note={note}>
        <p>Body of the note.</p>
      </SenderLayout>,
    );
    expect(html).toContain(`<title>${note.subject}</title>`);
    expect(flatHtml).toContain(note.preheader);
    for (const part of [flatHtml, text]) {
      expect(part).toContain(`Sent by ${previewSender.name}, ${previewSender.role}.`);
      expect(part).toContain(note.reason);
      expect(part).toContain("Body of the note.");
      expect(part).toMatch(/Call or text 988/);
    }
    // A transactional note carries neither newsletter link.
    expect(flatHtml).not.toContain(UNSUBSCRIBE_LABEL);
    expect(flatHtml).not.toContain(PREFERENCES_LABEL);
    expect(gate(html, text, "transactional")).toMatchObject({ ok: true });
  });

  it("prints both newsletter links verbatim when given them, and then passes as marketing mail", async () => {
    const { html, text } = await rendered(
      <SenderLayout ctx={ctx} note={note} links={{ unsubscribeUrl: UNSUB, preferencesUrl: "%%PREFS%%" }}>
        <p>Body.</p>
      </SenderLayout>,
    );
    expect(html).toContain(`href="${UNSUB}"`);
    expect(html).toContain('href="%%PREFS%%"');
    expect(text).toContain(UNSUB);
    expect(gate(html, text, "marketing")).toMatchObject({ ok: true });
  });
});

describe("ArticleLayout", () => {
  const article: ArticleLayoutProps = {
    ctx,
    title: "[Test] The article subject",
    preheader: "The article preheader.",
    heading: "The article heading",
    firstName: "Sam",
    markdown: "## A section\n\nA paragraph of the article.",
    sources: [{ claim: "A figure", citation: "A journal, 2024", url: "https://example.org/study" }],
    credits: {
      author: previewSender,
      adaptedFrom: previewWriter,
      reviewer: { name: "Dr Ana Ruiz", role: "Medical editor" },
      reviewedOn: "2026-12-02",
    },
    footer: {
      reason: "You are receiving this because of the article test.",
      unsubscribeUrl: UNSUB,
      preferencesUrl: PREFS,
    },
    lead: <p>The lead line</p>,
  };

  it("puts the lead, heading, greeting, article and sources in order, and the credits under them", async () => {
    const { html, text } = await rendered(<ArticleLayout {...article} />);
    expect(html).toContain(`<title>${article.title}</title>`);
    const order = [
      "The lead line",
      "The article heading",
      "Hi Sam,",
      "A paragraph of the article.",
      "Sources",
      `Written by ${previewSender.name}, ${previewSender.role}.`,
      `Adapted from an article by ${previewWriter.name}, ${previewWriter.role}.`,
      "Reviewed by Dr Ana Ruiz, Medical editor, on December 2, 2026.",
      article.footer.reason,
    ];
    for (const part of [flat(html), text]) {
      const at = order.map((s) => part.indexOf(s));
      expect(
        at.every((i) => i >= 0),
        `${order[at.indexOf(-1)]} missing`,
      ).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
    expect(html).toMatch(/<h1[^>]*>The article heading<\/h1>/);
    expect(html).toContain('href="https://example.org/study"');
    expect(gate(html, text, "marketing")).toMatchObject({ ok: true });
    // Not an advertisement unless the footer says so.
    expect(text).not.toContain(ADVERTISING_NOTICE);
  });

  it("greets without a name, leaves out empty sources and marks advertising when asked", async () => {
    const { html, text } = await rendered(
      <ArticleLayout
        {...article}
        firstName={null}
        sources={[]}
        lead={null}
        credits={{ author: previewSender }}
        footer={{ ...article.footer, advertising: true }}
      />,
    );
    expect(text).toContain("Hello,");
    expect(text).not.toContain("Sources");
    expect(text).not.toContain("Adapted from");
    expect(text).not.toContain("Reviewed by");
    expect(text).toContain(ADVERTISING_NOTICE);
    expect(gate(html, text, "marketing", true)).toMatchObject({ ok: true });
  });
});

describe("SupportSignOff", () => {
  it("points the reader to the support lines below", async () => {
    const { text } = await rendered(<SupportSignOff />);
    expect(text).toBe("Whatever you decide, please look after yourself. Support is always available below.");
  });
});

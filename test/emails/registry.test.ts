// The registry's entries are built by one helper (template() in src/emails/registry.ts): each must render its
// own component, preview with that component's own samples, and keep the kind and advertising flag that decide
// the footer links, the List-Unsubscribe headers and the CAN-SPAM notice.
import { describe, expect, it } from "vitest";
import { CampaignEmail } from "../../src/emails/campaign.tsx";
import { ConfirmSubscriptionEmail } from "../../src/emails/confirm-subscription.tsx";
import { ConsoleSignInEmail } from "../../src/emails/console-sign-in.tsx";
import { CrisisReplyEmail } from "../../src/emails/crisis-reply.tsx";
import { LessonEmail } from "../../src/emails/lesson.tsx";
import { emailRegistry, TEMPLATE_IDS, type TemplateId } from "../../src/emails/registry.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { ReplyAlertEmail } from "../../src/emails/reply-alert.tsx";
import { UnsubscribedEmail } from "../../src/emails/unsubscribed.tsx";
import { WelcomeEmail } from "../../src/emails/welcome.tsx";
import { WelcomeBackEmail } from "../../src/emails/welcome-back.tsx";

const expected = {
  "confirm-subscription": { component: ConfirmSubscriptionEmail, kind: "transactional", advertising: false },
  welcome: { component: WelcomeEmail, kind: "marketing", advertising: false },
  lesson: { component: LessonEmail, kind: "marketing", advertising: false },
  campaign: { component: CampaignEmail, kind: "marketing", advertising: true },
  unsubscribed: { component: UnsubscribedEmail, kind: "transactional", advertising: false },
  "crisis-reply": { component: CrisisReplyEmail, kind: "transactional", advertising: false },
  "reply-alert": { component: ReplyAlertEmail, kind: "transactional", advertising: false },
  "welcome-back": { component: WelcomeBackEmail, kind: "marketing", advertising: false },
  "console-sign-in": { component: ConsoleSignInEmail, kind: "transactional", advertising: false },
} satisfies Record<TemplateId, { component: unknown; kind: string; advertising: boolean }>;

describe("the email registry", () => {
  it("lists every template once, in the stable order", () => {
    expect(TEMPLATE_IDS).toEqual(Object.keys(expected));
  });

  it.each(TEMPLATE_IDS)("%s renders its own component with its own preview props", (id) => {
    const entry = emailRegistry[id];
    const { component, kind, advertising } = expected[id];
    expect(entry.kind).toBe(kind);
    expect(entry.advertising).toBe(advertising);
    expect(entry.previewProps).toBe(component.PreviewProps);
    const element = entry.render(entry.previewProps as never);
    expect(element.type).toBe(component);
    expect(element.props).toEqual(entry.previewProps);
  });

  it("takes subjects from the props where they vary", async () => {
    const lesson = emailRegistry.lesson.previewProps;
    expect(emailRegistry.lesson.subject(lesson)).toBe(lesson.lesson.subject);
    const campaign = emailRegistry.campaign.previewProps;
    expect(emailRegistry.campaign.subject({ ...campaign, isTest: true })).toBe(`[Test] ${campaign.subject}`);
    const alert = emailRegistry["reply-alert"].previewProps;
    expect(emailRegistry["reply-alert"].subject({ ...alert, urgent: false, replyClass: "unsubscribe" })).toBe(
      "Reader reply: unsubscribed by reply",
    );
    // renderEmail passes the entry's kind and flag on to the message the send gate sees.
    const rendered = await renderEmail("campaign", campaign);
    expect([rendered.kind, rendered.advertising, rendered.subject]).toEqual([
      "marketing",
      true,
      campaign.subject,
    ]);
  });
});

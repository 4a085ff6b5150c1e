// Every email the system can send, keyed by template id. Typed end to end: renderEmail("lesson", props) only
// accepts LessonEmailProps, and there is no string lookup with a cast anywhere.
import { createElement, type ReactElement } from "react";
import type { EmailKind } from "../mail/types.ts";
import { CampaignEmail, type CampaignEmailProps, campaignSubject } from "./campaign.tsx";
import {
  CONFIRM_SUBJECT,
  ConfirmSubscriptionEmail,
  type ConfirmSubscriptionEmailProps,
} from "./confirm-subscription.tsx";
import {
  CONSOLE_SIGN_IN_SUBJECT,
  ConsoleSignInEmail,
  type ConsoleSignInEmailProps,
} from "./console-sign-in.tsx";
import { CRISIS_REPLY_SUBJECT, CrisisReplyEmail, type CrisisReplyEmailProps } from "./crisis-reply.tsx";
import { LessonEmail, type LessonEmailProps } from "./lesson.tsx";
import { ReplyAlertEmail, type ReplyAlertEmailProps, replyAlertSubject } from "./reply-alert.tsx";
import { UNSUBSCRIBED_SUBJECT, UnsubscribedEmail, type UnsubscribedEmailProps } from "./unsubscribed.tsx";
import { WELCOME_SUBJECT, WelcomeEmail, type WelcomeEmailProps } from "./welcome.tsx";
import { WELCOME_BACK_SUBJECT, WelcomeBackEmail, type WelcomeBackEmailProps } from "./welcome-back.tsx";

/** Props of each template, by id. */
export interface EmailPropsById {
  "confirm-subscription": ConfirmSubscriptionEmailProps;
  welcome: WelcomeEmailProps;
  lesson: LessonEmailProps;
  campaign: CampaignEmailProps;
  unsubscribed: UnsubscribedEmailProps;
  "crisis-reply": CrisisReplyEmailProps;
  "reply-alert": ReplyAlertEmailProps;
  "welcome-back": WelcomeBackEmailProps;
  "console-sign-in": ConsoleSignInEmailProps;
}

export type TemplateId = keyof EmailPropsById;

export interface TemplateDefinition<P> {
  /** Marketing email needs an unsubscribe link and List-Unsubscribe headers; the send gate enforces it. */
  kind: EmailKind;
  /** CAN-SPAM advertising (campaigns). */
  advertising: boolean;
  subject: (props: P) => string;
  render: (props: P) => ReactElement;
  previewProps: P;
}

export type EmailRegistry = { [K in TemplateId]: TemplateDefinition<EmailPropsById[K]> };

const definitions = {
  "confirm-subscription": {
    kind: "transactional",
    advertising: false,
    subject: () => CONFIRM_SUBJECT,
    render: (p) => createElement(ConfirmSubscriptionEmail, p),
    previewProps: ConfirmSubscriptionEmail.PreviewProps,
  },
  welcome: {
    kind: "marketing",
    advertising: false,
    subject: () => WELCOME_SUBJECT,
    render: (p) => createElement(WelcomeEmail, p),
    previewProps: WelcomeEmail.PreviewProps,
  },
  lesson: {
    kind: "marketing",
    advertising: false,
    subject: (p) => p.lesson.subject,
    render: (p) => createElement(LessonEmail, p),
    previewProps: LessonEmail.PreviewProps,
  },
  campaign: {
    kind: "marketing",
    advertising: true,
    subject: (p) => campaignSubject(p),
    render: (p) => createElement(CampaignEmail, p),
    previewProps: CampaignEmail.PreviewProps,
  },
  unsubscribed: {
    kind: "transactional",
    advertising: false,
    subject: () => UNSUBSCRIBED_SUBJECT,
    render: (p) => createElement(UnsubscribedEmail, p),
    previewProps: UnsubscribedEmail.PreviewProps,
  },
  "crisis-reply": {
    kind: "transactional",
    advertising: false,
    subject: () => CRISIS_REPLY_SUBJECT,
    render: (p) => createElement(CrisisReplyEmail, p),
    previewProps: CrisisReplyEmail.PreviewProps,
  },
  "reply-alert": {
    kind: "transactional",
    advertising: false,
    subject: (p) => replyAlertSubject(p),
    render: (p) => createElement(ReplyAlertEmail, p),
    previewProps: ReplyAlertEmail.PreviewProps,
  },
  // Marketing: it is newsletter mail (sent only because the reader asked for it), with both footer links.
  "welcome-back": {
    kind: "marketing",
    advertising: false,
    subject: () => WELCOME_BACK_SUBJECT,
    render: (p) => createElement(WelcomeBackEmail, p),
    previewProps: WelcomeBackEmail.PreviewProps,
  },
  "console-sign-in": {
    kind: "transactional",
    advertising: false,
    subject: () => CONSOLE_SIGN_IN_SUBJECT,
    render: (p) => createElement(ConsoleSignInEmail, p),
    previewProps: ConsoleSignInEmail.PreviewProps,
  },
} satisfies EmailRegistry;

export const emailRegistry: EmailRegistry = definitions;

/** All template ids, in a stable order (for tests, previews and the export script). */
export const TEMPLATE_IDS = Object.keys(definitions) as TemplateId[];

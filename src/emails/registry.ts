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

/** A template's component, carrying its own sample props (the react-email preview convention). */
// NoInfer: P comes from the props the component takes, not from its (narrower) sample props.
type EmailComponent<P> = ((props: P) => ReactElement) & { PreviewProps: NoInfer<P> };

/**
 * One registry entry from an email component: it renders the component itself and previews with the
 * component's own PreviewProps, so an entry cannot pair one email's renderer with another's samples.
 * Only campaigns are advertising (CAN-SPAM); they say so in `options`.
 */
function template<P extends object>(
  kind: EmailKind,
  component: EmailComponent<P>,
  subject: (props: P) => string,
  options: { advertising?: true } = {},
): TemplateDefinition<P> {
  return {
    kind,
    advertising: options.advertising ?? false,
    subject,
    render: (props) => createElement(component, props),
    previewProps: component.PreviewProps,
  };
}

const definitions = {
  "confirm-subscription": template("transactional", ConfirmSubscriptionEmail, () => CONFIRM_SUBJECT),
  welcome: template("marketing", WelcomeEmail, () => WELCOME_SUBJECT),
  lesson: template("marketing", LessonEmail, (p) => p.lesson.subject),
  campaign: template("marketing", CampaignEmail, campaignSubject, { advertising: true }),
  unsubscribed: template("transactional", UnsubscribedEmail, () => UNSUBSCRIBED_SUBJECT),
  "crisis-reply": template("transactional", CrisisReplyEmail, () => CRISIS_REPLY_SUBJECT),
  "reply-alert": template("transactional", ReplyAlertEmail, replyAlertSubject),
  // Marketing: it is newsletter mail (sent only because the reader asked for it), with both footer links.
  "welcome-back": template("marketing", WelcomeBackEmail, () => WELCOME_BACK_SUBJECT),
  "console-sign-in": template("transactional", ConsoleSignInEmail, () => CONSOLE_SIGN_IN_SUBJECT),
} satisfies EmailRegistry;

export const emailRegistry: EmailRegistry = definitions;

/** All template ids, in a stable order (for tests, previews and the export script). */
export const TEMPLATE_IDS = Object.keys(definitions) as TemplateId[];

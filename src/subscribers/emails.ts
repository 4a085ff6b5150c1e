// Composes the subscriber journey's emails from a subscriber row. Links are signed per subscriber; the visible
// unsubscribe link opens the page with one button, the List-Unsubscribe header points at the one-click POST.
import { authorById, type Lesson } from "../content/index.ts";
import type { AppDeps } from "../deps.ts";
import { renderEmail, type TemplateId, unsubscribeHeaders } from "../emails/render.ts";
import type { EmailContext } from "../emails/types.ts";
import { CONFIRM_TOKEN_TTL_MS, confirmUrl, unsubscribeUrls } from "../lib/tokens.ts";
import type { OutgoingEmail } from "../mail/types.ts";
import type { Subscriber } from "./store.ts";

type EmailDeps = Pick<AppDeps, "config" | "content" | "now">;
export type ComposedEmail = Omit<OutgoingEmail, "idempotencyKey">;

const DAY_MS = 86_400_000;

function emailContext(deps: EmailDeps, subscriber: Subscriber): EmailContext {
  return {
    locale: subscriber.locale,
    country: subscriber.country,
    postalAddress: deps.config.mail.postalAddress,
    appUrl: deps.config.appUrl,
    sender: deps.content.sender,
  };
}

// Tag values are limited by Resend to ASCII letters, digits, "_" and "-"; they carry no personal data.
function tags(templateId: TemplateId, extra: { name: string; value: string }[] = []) {
  return [{ name: "template", value: templateId }, ...extra];
}

async function unsubscribeLinks(deps: EmailDeps, subscriberId: string) {
  const { pageUrl, oneClickUrl } = await unsubscribeUrls(
    deps.config.appUrl,
    deps.config.tokenSecret,
    subscriberId,
  );
  return { pageUrl, headers: unsubscribeHeaders(oneClickUrl) };
}

export async function confirmationEmail(deps: EmailDeps, subscriber: Subscriber): Promise<ComposedEmail> {
  const { appUrl, tokenSecret } = deps.config;
  const rendered = await renderEmail("confirm-subscription", {
    ctx: emailContext(deps, subscriber),
    firstName: subscriber.firstName,
    confirmUrl: await confirmUrl(appUrl, tokenSecret, subscriber.id, deps.now()),
    expiresInDays: Math.round(CONFIRM_TOKEN_TTL_MS / DAY_MS),
  });
  return {
    to: subscriber.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: {},
    tags: tags(rendered.templateId),
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

export async function welcomeEmail(deps: EmailDeps, subscriber: Subscriber): Promise<ComposedEmail> {
  const links = await unsubscribeLinks(deps, subscriber.id);
  const first = deps.content.lessons[0];
  const rendered = await renderEmail("welcome", {
    ctx: emailContext(deps, subscriber),
    firstName: subscriber.firstName,
    unsubscribeUrl: links.pageUrl,
    lessonCount: deps.content.lessons.length,
    firstLessonInDays: first ? Math.round((first.delayMs * deps.config.dripTimeScale) / DAY_MS) : undefined,
  });
  return {
    to: subscriber.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: { ...links.headers },
    tags: tags(rendered.templateId),
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

export async function lessonEmail(
  deps: EmailDeps,
  subscriber: Subscriber,
  lesson: Lesson,
): Promise<ComposedEmail> {
  const links = await unsubscribeLinks(deps, subscriber.id);
  const { lessons } = deps.content;
  const rendered = await renderEmail("lesson", {
    ctx: emailContext(deps, subscriber),
    firstName: subscriber.firstName,
    lesson,
    author: authorById(deps.content, lesson.author),
    adaptedFrom: lesson.adaptedFrom ? authorById(deps.content, lesson.adaptedFrom) : undefined,
    reviewer: lesson.reviewer ? authorById(deps.content, lesson.reviewer) : undefined,
    lessonNumber: lessons.findIndex((l) => l.id === lesson.id) + 1,
    lessonCount: lessons.length,
    unsubscribeUrl: links.pageUrl,
  });
  return {
    to: subscriber.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: { ...links.headers },
    tags: tags(rendered.templateId, [{ name: "lesson", value: lesson.id }]),
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

/** The single "you have been unsubscribed" note, sent only after a visible-link unsubscribe. */
export async function goodbyeEmail(deps: EmailDeps, subscriber: Subscriber): Promise<ComposedEmail> {
  const rendered = await renderEmail("unsubscribed", {
    ctx: emailContext(deps, subscriber),
    resubscribeUrl: `${deps.config.appUrl}/`,
  });
  return {
    to: subscriber.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: {},
    tags: tags(rendered.templateId),
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

// Composes the subscriber journey's emails from a subscriber row. Links are signed per subscriber; the visible
// unsubscribe link opens the page with one button, the List-Unsubscribe header points at the one-click POST.
import type { Lesson } from "../content/index.ts";
import type { AppDeps } from "../deps.ts";
import { emailContext } from "../emails/context.ts";
import { buildLessonProps } from "../emails/lesson-props.ts";
import { renderEmail, type TemplateId, unsubscribeHeaders } from "../emails/render.ts";
import { CONFIRM_TOKEN_TTL_MS, confirmUrl, unsubscribeUrls } from "../lib/tokens.ts";
import type { OutgoingEmail } from "../mail/types.ts";
import type { Subscriber } from "./store.ts";

type EmailDeps = Pick<AppDeps, "config" | "content" | "now">;
export type ComposedEmail = Omit<OutgoingEmail, "idempotencyKey">;

const DAY_MS = 86_400_000;

// Tag values are limited by Resend to ASCII letters, digits, "_" and "-"; they carry no personal data.
function tags(templateId: TemplateId, extra: { name: string; value: string }[] = []) {
  return [{ name: "template", value: templateId }, ...extra];
}

/** The message for one subscriber from a rendered email; marketing email passes its unsubscribe headers. */
function compose(
  subscriber: Subscriber,
  rendered: Awaited<ReturnType<typeof renderEmail>>,
  headers: Record<string, string> = {},
  extraTags: { name: string; value: string }[] = [],
): ComposedEmail {
  return {
    to: subscriber.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers,
    tags: tags(rendered.templateId, extraTags),
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

async function unsubscribeLinks(deps: EmailDeps, subscriberId: string) {
  const { pageUrl, oneClickUrl, preferencesUrl } = await unsubscribeUrls(
    deps.config.appUrl,
    deps.config.tokenSecret,
    subscriberId,
  );
  return { pageUrl, preferencesUrl, headers: unsubscribeHeaders(oneClickUrl) };
}

export async function confirmationEmail(deps: EmailDeps, subscriber: Subscriber): Promise<ComposedEmail> {
  const { appUrl, tokenSecret } = deps.config;
  const rendered = await renderEmail("confirm-subscription", {
    ctx: emailContext(deps, subscriber),
    firstName: subscriber.firstName,
    confirmUrl: await confirmUrl(appUrl, tokenSecret, subscriber.id, deps.now()),
    expiresInDays: Math.round(CONFIRM_TOKEN_TTL_MS / DAY_MS),
  });
  return compose(subscriber, rendered);
}

export async function welcomeEmail(deps: EmailDeps, subscriber: Subscriber): Promise<ComposedEmail> {
  const links = await unsubscribeLinks(deps, subscriber.id);
  const first = deps.content.lessons[0];
  const rendered = await renderEmail("welcome", {
    ctx: emailContext(deps, subscriber),
    firstName: subscriber.firstName,
    unsubscribeUrl: links.pageUrl,
    preferencesUrl: links.preferencesUrl,
    lessonCount: deps.content.lessons.length,
    firstLessonInDays: first ? Math.round((first.delayMs * deps.config.dripTimeScale) / DAY_MS) : undefined,
  });
  return compose(subscriber, rendered, links.headers);
}

export async function lessonEmail(
  deps: EmailDeps,
  subscriber: Subscriber,
  lesson: Lesson,
): Promise<ComposedEmail> {
  const links = await unsubscribeLinks(deps, subscriber.id);
  const rendered = await renderEmail(
    "lesson",
    buildLessonProps(deps.content, lesson, {
      ctx: emailContext(deps, subscriber),
      firstName: subscriber.firstName,
      unsubscribeUrl: links.pageUrl,
      preferencesUrl: links.preferencesUrl,
    }),
  );
  return compose(subscriber, rendered, links.headers, [{ name: "lesson", value: lesson.id }]);
}

/** The note at the end of a break, for readers who asked for it; `seriesContinues` while lessons remain. */
export async function welcomeBackEmail(
  deps: EmailDeps,
  subscriber: Subscriber,
  seriesContinues: boolean,
): Promise<ComposedEmail> {
  const links = await unsubscribeLinks(deps, subscriber.id);
  const rendered = await renderEmail("welcome-back", {
    ctx: emailContext(deps, subscriber),
    firstName: subscriber.firstName,
    unsubscribeUrl: links.pageUrl,
    preferencesUrl: links.preferencesUrl,
    seriesContinues,
  });
  return compose(subscriber, rendered, links.headers);
}

/** The single "you have been unsubscribed" note, sent only after a visible-link unsubscribe. */
export async function goodbyeEmail(deps: EmailDeps, subscriber: Subscriber): Promise<ComposedEmail> {
  const rendered = await renderEmail("unsubscribed", {
    ctx: emailContext(deps, subscriber),
    resubscribeUrl: `${deps.config.appUrl}/`,
  });
  return compose(subscriber, rendered);
}

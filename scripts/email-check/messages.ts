// Every email the project sends, for every crisis-line country, as the mailer hands it to the provider: rendered
// from the catalogue's samples (real-length signed tokens), passed through the real mailer and send gate, with the
// headers the journey and campaigns add. What email:check, its tests and the .eml export judge.
import { loadConfig } from "../../src/config.ts";
import type { Content } from "../../src/content/loader.ts";
import { emailSamples } from "../../src/emails/catalog.ts";
import { previewCtx } from "../../src/emails/preview-data.ts";
import { renderEmail, unsubscribeHeaders } from "../../src/emails/render.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import type { OutgoingEmail, Transport } from "../../src/mail/types.ts";

/** The countries with their own crisis lines, and no country at all (US line plus the local-number note). */
export const COUNTRIES = ["US", "CA", "GB", "IE", null] as const;
export type Country = (typeof COUNTRIES)[number];

export interface CheckedEmail {
  /** Sample name plus country, e.g. "welcome-GB" or "lesson-01-where-it-began-none". */
  id: string;
  sample: string;
  country: string;
  message: OutgoingEmail;
}

const config = loadConfig({
  NODE_ENV: "development",
  APP_URL: previewCtx.appUrl,
  TOKEN_SECRET: "email-check-secret-never-used-to-send-000000",
  POSTAL_ADDRESS: previewCtx.postalAddress,
  EMAIL_FROM: "Hopemark Health <newsletter@hopemark.example>",
  MAIL_TRANSPORT: "outbox",
});

export async function checkedEmails(
  content: Content,
  countries: readonly Country[] = COUNTRIES,
): Promise<CheckedEmail[]> {
  const captured: OutgoingEmail[] = [];
  const transport: Transport = {
    name: "outbox",
    async send(message) {
      captured.push(message);
      return { providerMessageId: message.idempotencyKey };
    },
    async sendBatch(messages) {
      captured.push(...messages);
      return messages.map((m) => ({ providerMessageId: m.idempotencyKey }));
    },
  };
  const mailer = createMailer({ transport, config });
  const out: CheckedEmail[] = [];
  for (const country of countries) {
    for (const sample of emailSamples(content, { country })) {
      const rendered = await renderEmail(sample.templateId, sample.props);
      const props = sample.props as { unsubscribeUrl?: string; lesson?: { id: string } };
      const oneClick = props.unsubscribeUrl?.replace("/unsubscribe?", "/api/unsubscribe?");
      const tags: { name: string; value: string }[] = [{ name: "template", value: sample.templateId }];
      if (props.lesson) tags.push({ name: "lesson", value: props.lesson.id });
      if (sample.templateId === "campaign") tags.push({ name: "campaign", value: sample.name });
      const message: OutgoingEmail = {
        to: "sam@example.com",
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: rendered.kind === "marketing" && oneClick ? unsubscribeHeaders(oneClick) : {},
        tags,
        idempotencyKey: `email-check:${sample.name}:${country ?? "none"}`,
        templateId: rendered.templateId,
        kind: rendered.kind,
        advertising: rendered.advertising,
      };
      captured.length = 0;
      await mailer.send(message);
      const sent = captured[0];
      if (!sent) throw new Error(`${sample.name}: the mailer sent nothing`);
      const code = country ?? "none";
      out.push({ id: `${sample.name}-${code}`, sample: sample.name, country: code, message: sent });
    }
  }
  return out;
}

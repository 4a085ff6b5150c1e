// Where a received message is read from. Resend's webhook carries only metadata, so the body comes from its
// receiving API (GET /emails/receiving/{id}); in development /dev/inbound stores pasted replies in dev_inbox.
// Triage reads the message again whenever it needs the sender's address, so the address never has to be stored
// with the reply nor pass through Inngest's step state.
import { toPlainText } from "@react-email/render";
import { eq } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { Resend } from "resend";
import { devInbox } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { redact } from "../lib/log.ts";
import type { InboundMessage } from "./classify.ts";

export type ReplySource = "resend" | "local";

export interface ReceivedMessage extends InboundMessage {
  /** The sender's Message-ID, for In-Reply-To on the crisis auto-reply. */
  messageId: string | null;
  receivedAt: number;
}

/** "Name <a@b>" or "a@b" -> "a@b". */
export function bareAddress(value: string): string {
  const match = /<([^<>]+)>\s*$/.exec(value);
  return (match?.[1] ?? value).trim();
}

type SourceDeps = Pick<AppDeps, "config" | "db">;

/** The message, or null when the source no longer has it (deleted at Resend, or an unknown dev id). */
export async function readReceived(
  deps: SourceDeps,
  source: ReplySource,
  ref: string,
): Promise<ReceivedMessage | null> {
  return source === "resend" ? readFromResend(deps, ref) : readFromDevInbox(deps, ref);
}

async function readFromResend(deps: SourceDeps, ref: string): Promise<ReceivedMessage | null> {
  const { resendApiKey, resendBaseUrl } = deps.config.mail;
  if (!resendApiKey) throw new NonRetriableError("RESEND_API_KEY is required to read received email");
  const resend = new Resend(resendApiKey, resendBaseUrl ? { baseUrl: resendBaseUrl } : undefined);
  const { data, error } = await resend.emails.receiving.get(ref);
  if (error) {
    if (error.statusCode === 404 || error.name === "not_found") return null;
    // Server, network and rate-limit errors are retried by Inngest with backoff; messages never carry addresses.
    throw new Error(
      `Resend receiving.get failed: ${error.statusCode ?? "network"} ${error.name}: ${String(redact(error.message ?? ""))}`,
    );
  }
  return {
    from: bareAddress(data.from),
    subject: data.subject ?? "",
    text: data.text?.trim() ? data.text : data.html ? toPlainText(data.html) : "",
    headers: data.headers ?? {},
    messageId: data.message_id ?? null,
    receivedAt: Date.parse(data.created_at) || Date.now(),
  };
}

async function readFromDevInbox(deps: SourceDeps, ref: string): Promise<ReceivedMessage | null> {
  // The route is never mounted in production; this keeps a forged event from reading the table there either.
  if (deps.config.isProduction) throw new NonRetriableError("the local inbox does not exist in production");
  const [row] = await deps.db.select().from(devInbox).where(eq(devInbox.id, ref)).limit(1);
  if (!row) return null;
  return {
    from: bareAddress(row.from),
    subject: row.subject,
    text: row.text,
    headers: row.headers,
    messageId: `<${row.id}@dev-inbound.localhost>`,
    receivedAt: row.createdAt.getTime(),
  };
}

/** Our own addresses: mail from them is never answered, so two of our messages cannot loop. */
export function ownAddresses(config: AppDeps["config"]): string[] {
  return [bareAddress(config.mail.from), config.mail.replyTo, config.replies.forwardTo].map((a) =>
    a.toLowerCase(),
  );
}

// The one path from composed email to transport. Every message passes the send gate first; a batch is checked
// in full before the provider is called, so one bad message means nothing in that batch is sent.
import type { Config } from "../config.ts";
import { withListHeaders } from "./list-headers.ts";
import { assertSendable, type SendGateOptions } from "./send-gate.ts";
import { MAX_BATCH, type Mailer, type OutgoingEmail, type Transport } from "./types.ts";

export function createMailer({ transport, config }: { transport: Transport; config: Config }): Mailer {
  const gate: SendGateOptions = { postalAddress: config.mail.postalAddress };
  const withDefaults = (message: OutgoingEmail): OutgoingEmail => {
    const replyTo = message.replyTo ?? config.mail.replyTo;
    const from = message.from ?? config.mail.from;
    return { ...message, from, headers: withListHeaders(message, from), ...(replyTo ? { replyTo } : {}) };
  };
  return {
    transport: transport.name,
    async send(message) {
      assertSendable(message, gate);
      return transport.send(withDefaults(message));
    },
    async sendBatch(messages, options) {
      if (messages.length > MAX_BATCH) throw new Error(`a batch holds at most ${MAX_BATCH} messages`);
      for (const message of messages) assertSendable(message, gate);
      if (messages.length === 0) return [];
      return transport.sendBatch(messages.map(withDefaults), options);
    },
  };
}

// GET/POST /dev/inbound and POST /dev/inbound.json: a reader's reply without a mail provider. Mounted only next
// to the dev outbox (local outbox transport, never in production; see src/app.ts). The message is stored in
// dev_inbox and the same newsletter/reply.received event is sent as for Resend's email.received webhook.
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { recordLocalInbound } from "../replies/receive.ts";
import { apiError, fieldErrors } from "./errors.ts";
import { inboundPage } from "./pages/inbound.ts";

const inboundSchema = z.object({
  from: z.email("Enter the reader's email address, like sam@example.com."),
  subject: z
    .string()
    .trim()
    .max(500, "Keep the subject under 500 characters.")
    .default("Re: Hopemark Health"),
  text: z.string().max(20_000, "Keep the text under 20,000 characters.").default(""),
  headers: z.record(z.string(), z.string().max(1000)).default({}),
});

export function devInboundRoutes(deps: AppDeps) {
  const deliver = (body: z.output<typeof inboundSchema>) =>
    recordLocalInbound(deps, {
      from: body.from,
      to: deps.config.mail.replyTo,
      subject: body.subject,
      text: body.text,
      headers: body.headers,
    });
  return new Hono()
    .get("/dev/inbound", (c) =>
      c.html(
        inboundPage({
          values: { from: "", subject: "Re: Hopemark Health", text: "" },
          queued: c.req.query("queued") === "1",
        }),
      ),
    )
    .post("/dev/inbound", async (c) => {
      const form = await c.req.parseBody();
      const values = {
        from: typeof form.from === "string" ? form.from : "",
        subject: typeof form.subject === "string" ? form.subject : "",
        text: typeof form.text === "string" ? form.text : "",
      };
      const parsed = inboundSchema.safeParse({ ...values, subject: values.subject || undefined });
      if (!parsed.success) return c.html(inboundPage({ values, errors: fieldErrors(parsed.error) }), 422);
      await deliver(parsed.data);
      return c.redirect("/dev/inbound?queued=1", 303);
    })
    .post("/dev/inbound.json", async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return apiError(c, 400, "invalid_json", "The body is not valid JSON.");
      }
      const parsed = inboundSchema.safeParse(body);
      if (!parsed.success) {
        return apiError(c, 422, "validation_failed", "Some fields are invalid.", fieldErrors(parsed.error));
      }
      const { id, eventId } = await deliver(parsed.data);
      return c.json({ status: "queued", id, eventId }, 202);
    });
}

// List-Id on marketing mail and Feedback-ID naming the campaign or lesson on every message, added by the mailer
// so no caller can forget them; the dev outbox keeps them with Reply-To.
import { describe, expect, it } from "vitest";
import { openNodeDb } from "../../src/db/node.ts";
import { outbox } from "../../src/db/schema.ts";
import { previewCtx } from "../../src/emails/preview-data.ts";
import { emailRegistry } from "../../src/emails/registry.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { feedbackId, listId } from "../../src/mail/list-headers.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { createOutboxTransport } from "../../src/mail/outbox-transport.ts";
import type { OutgoingEmail } from "../../src/mail/types.ts";
import { toMessage } from "../emails/helpers.ts";
import { testConfig } from "../helpers/config.ts";

const config = testConfig();
const ctx = { ...previewCtx, postalAddress: config.mail.postalAddress };
const ONE_CLICK = "https://newsletter.test/api/unsubscribe?token=t";

async function lesson(): Promise<OutgoingEmail> {
  const r = await renderEmail("lesson", { ...emailRegistry.lesson.previewProps, ctx });
  const m = toMessage(r, ONE_CLICK);
  return { ...m, tags: [...m.tags, { name: "lesson", value: "where-it-began" }] };
}

async function confirmation(): Promise<OutgoingEmail> {
  return toMessage(
    await renderEmail("confirm-subscription", { ...emailRegistry["confirm-subscription"].previewProps, ctx }),
  );
}

async function sentRows(messages: OutgoingEmail[]) {
  const handle = openNodeDb();
  try {
    const mailer = createMailer({ transport: createOutboxTransport(handle.db), config });
    for (const m of messages) await mailer.send(m);
    return await handle.db.select().from(outbox);
  } finally {
    handle.close();
  }
}

describe("list headers", () => {
  it("a lesson carries List-Id and a Feedback-ID naming the lesson; the outbox keeps them and Reply-To", async () => {
    const [row] = await sentRows([await lesson()]);
    expect(row?.headers).toMatchObject({
      "List-Id": "Hopemark Health newsletter <newsletter.hopemark.test>",
      "Feedback-ID": "where-it-began:lesson:marketing:hopemark",
      "List-Unsubscribe": `<${ONE_CLICK}>`,
    });
    // Whatever Reply-To the configuration gives every message is kept and shown by the outbox.
    expect(config.mail.replyTo).toBeTruthy();
    expect(row?.headers["Reply-To"]).toBe(config.mail.replyTo);
  });

  it("a campaign's Feedback-ID names the campaign", async () => {
    const r = await renderEmail("campaign", { ...emailRegistry.campaign.previewProps, ctx });
    const m = toMessage(r, ONE_CLICK);
    expect(feedbackId({ ...m, tags: [{ name: "campaign", value: "c_01J9Z:spring" }] })).toBe(
      "c_01J9Z-spring:campaign:marketing:hopemark",
    );
  });

  it("transactional mail gets a Feedback-ID but is not a list", async () => {
    const [row] = await sentRows([await confirmation()]);
    expect(row?.headers["Feedback-ID"]).toBe(
      "confirm-subscription:confirm-subscription:transactional:hopemark",
    );
    expect(row?.headers).not.toHaveProperty("List-Id");
  });

  it("keeps headers the caller set", async () => {
    const m = await lesson();
    const [row] = await sentRows([
      { ...m, headers: { ...m.headers, "List-Id": "Custom <custom.example.org>" } },
    ]);
    expect(row?.headers["List-Id"]).toBe("Custom <custom.example.org>");
  });

  it("derives the list id from the From domain", () => {
    expect(listId("Hopemark Health <newsletter@Mail.Hopemark.org>")).toBe(
      "Hopemark Health newsletter <newsletter.mail.hopemark.org>",
    );
  });
});

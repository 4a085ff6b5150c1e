// The send gate refuses anything that lacks the crisis footer, attribution, postal address or (marketing)
// unsubscribe link and headers, and the Mailer sends nothing when it does.
import { Body, Head, Html, Link, Text } from "@react-email/components";
import { render, toPlainText } from "@react-email/render";
import { count } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openNodeDb } from "../../src/db/node.ts";
import { outbox } from "../../src/db/schema.ts";
import { previewCtx, previewUnsubscribeUrl } from "../../src/emails/preview-data.ts";
import { emailRegistry } from "../../src/emails/registry.ts";
import { escapeHtml, renderEmail, unsubscribeHeaders } from "../../src/emails/render.ts";
import { toInngestError } from "../../src/functions/mail-step.ts";
import { MailError } from "../../src/mail/errors.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { createOutboxTransport } from "../../src/mail/outbox-transport.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import { MAX_BATCH, type OutgoingEmail, type Transport } from "../../src/mail/types.ts";
import { testConfig } from "../helpers/config.ts";

const config = testConfig();
const POSTAL = config.mail.postalAddress;
const ctx = { ...previewCtx, postalAddress: POSTAL };
const ONE_CLICK = "https://newsletter.test/u/one-click-token";

/** A deliberately broken template: byline, address and unsubscribe link, but no crisis footer. */
function BrokenNoFooterEmail({ unsubscribeUrl }: { unsubscribeUrl: string }) {
  return (
    <Html lang="en">
      <Head>
        <title>Broken</title>
      </Head>
      <Body>
        <Text>Hello, this template forgot its crisis footer.</Text>
        <Text>Written by Taylor Carter, Senior Marketing Manager, Hopemark Health.</Text>
        <Link href={unsubscribeUrl}>Unsubscribe from Hopemark Health emails</Link>
        <Text>{POSTAL}</Text>
      </Body>
    </Html>
  );
}

async function brokenMessage(key = "broken-1"): Promise<OutgoingEmail> {
  const html = await render(<BrokenNoFooterEmail unsubscribeUrl={ONE_CLICK} />);
  return {
    to: "reader@example.com",
    subject: "Broken",
    html,
    text: toPlainText(html),
    headers: unsubscribeHeaders(ONE_CLICK),
    tags: [],
    idempotencyKey: key,
    templateId: "broken-no-footer",
    kind: "marketing",
  };
}

async function goodMessage(key = "welcome-1"): Promise<OutgoingEmail> {
  const r = await renderEmail("welcome", {
    ...emailRegistry.welcome.previewProps,
    ctx,
    unsubscribeUrl: ONE_CLICK,
  });
  return {
    to: "reader@example.com",
    subject: r.subject,
    html: r.html,
    text: r.text,
    headers: unsubscribeHeaders(ONE_CLICK),
    tags: [],
    idempotencyKey: key,
    templateId: r.templateId,
    kind: r.kind,
  };
}

function spyTransport(): Transport & { send: ReturnType<typeof vi.fn>; sendBatch: ReturnType<typeof vi.fn> } {
  return {
    name: "outbox",
    send: vi.fn(async () => ({ providerMessageId: "x" })),
    sendBatch: vi.fn(async (m: OutgoingEmail[]) => m.map(() => ({ providerMessageId: "x" }))),
  };
}

const dbs: { close: () => void }[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe("checkMessage", () => {
  it("passes a real email", async () => {
    expect(checkMessage(await goodMessage(), { postalAddress: POSTAL })).toEqual({ ok: true });
  });

  it("catches a template without the crisis footer, in HTML and text", async () => {
    const result = checkMessage(await brokenMessage(), { postalAddress: POSTAL });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing).toEqual([
      expect.stringContaining("crisis footer in html"),
      expect.stringContaining("crisis footer in text"),
    ]);
  });

  it("does not count crisis text hidden in the preheader", async () => {
    const message = await brokenMessage();
    const hidden =
      '<div data-preheader="true" data-skip-in-text="true" style="display:none">Call or text 988 988lifeline.org</div>';
    const other = '<span style="display:none">Call or text 988 at 988lifeline.org</span>';
    for (const trick of [hidden, other]) {
      const result = checkMessage(
        { ...message, html: message.html.replace("<body>", `<body>${trick}`) },
        {
          postalAddress: POSTAL,
        },
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.missing).toContainEqual(expect.stringContaining("crisis footer in html"));
    }
    // Control: the same text, visible, does satisfy the HTML check.
    const visible = "<p>Call or text 988 at 988lifeline.org</p>";
    const result = checkMessage(
      { ...message, html: message.html.replace("<body>", `<body>${visible}`) },
      {
        postalAddress: POSTAL,
      },
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.missing).not.toContainEqual(expect.stringContaining("crisis footer in html"));
  });

  it("names each missing part: attribution, address, text footer, unsubscribe link and headers", async () => {
    const good = await goodMessage();
    const result = checkMessage(
      {
        ...good,
        html: good.html
          .replace(/Sent by/g, "Sent from")
          .replaceAll(POSTAL, "")
          .replaceAll(ONE_CLICK, "#"),
        text: "Hello",
        headers: {},
      },
      { postalAddress: POSTAL },
    );
    expect(result).toEqual({
      ok: false,
      missing: [
        expect.stringContaining("attribution in html"),
        "postal address in html",
        expect.stringContaining("crisis footer in text"),
        expect.stringContaining("attribution in text"),
        "postal address in text",
        "unsubscribe link in html",
        expect.stringContaining("List-Unsubscribe header"),
        expect.stringContaining("List-Unsubscribe-Post"),
      ],
    });
  });

  it("requires the unsubscribe URL in the text part and an http(s) List-Unsubscribe", async () => {
    const good = await goodMessage();
    const result = checkMessage(
      {
        ...good,
        text: good.text.replaceAll(ONE_CLICK, ""),
        headers: {
          "List-Unsubscribe": "<mailto:u@example.com>",
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      },
      { postalAddress: POSTAL },
    );
    expect(result).toEqual({
      ok: false,
      missing: ["unsubscribe link in text", "List-Unsubscribe header with an <https://...> URL"],
    });
  });

  it("requires the advertising notice on advertising", async () => {
    const good = await goodMessage();
    const result = checkMessage({ ...good, advertising: true }, { postalAddress: POSTAL });
    expect(result).toEqual({
      ok: false,
      missing: ["advertising notice in html", "advertising notice in text"],
    });
  });

  it("accepts a campaign rendered once with placeholders, then personalised", async () => {
    const base = await renderEmail("campaign", {
      ...emailRegistry.campaign.previewProps,
      ctx,
      firstName: "%%FIRST_NAME%%",
      unsubscribeUrl: "%%UNSUBSCRIBE_URL%%",
    });
    expect(base.html).toContain('href="%%UNSUBSCRIBE_URL%%"');
    expect(base.html).toContain("Hi %%FIRST_NAME%%,");
    expect(base.text).toContain("%%UNSUBSCRIBE_URL%%");
    const url = "https://newsletter.test/u/abc?x=1&y=2";
    const name = `Zoë <O'Neil>`;
    const html = base.html
      .replaceAll("%%UNSUBSCRIBE_URL%%", escapeHtml(url))
      .replaceAll("%%FIRST_NAME%%", escapeHtml(name));
    const text = base.text.replaceAll("%%UNSUBSCRIBE_URL%%", url).replaceAll("%%FIRST_NAME%%", name);
    expect(html).toContain("Hi Zoë &lt;O&#x27;Neil&gt;,");
    const message: OutgoingEmail = {
      to: "r@example.com",
      subject: base.subject,
      html,
      text,
      headers: unsubscribeHeaders(url),
      tags: [],
      idempotencyKey: "c1",
      templateId: "campaign",
      kind: "marketing",
      advertising: true,
    };
    expect(checkMessage(message, { postalAddress: POSTAL })).toEqual({ ok: true });
    const anonymous = await renderEmail("campaign", {
      ...emailRegistry.campaign.previewProps,
      firstName: undefined,
    });
    expect(anonymous.text).toContain("Hello,");
  });
});

describe("Mailer", () => {
  it("refuses the broken template with a rejected MailError (NonRetriableError at a function's edge) and never calls the transport", async () => {
    const transport = spyTransport();
    const mailer = createMailer({ transport, config });
    const error = await mailer.send(await brokenMessage()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).kind).toBe("rejected");
    expect(toInngestError(error)).toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toMatch(
      /template "broken-no-footer".*crisis footer in html.*crisis footer in text/,
    );
    expect(transport.send).not.toHaveBeenCalled();
  });

  it("refuses a whole batch if one message fails, before any provider call", async () => {
    const transport = spyTransport();
    const mailer = createMailer({ transport, config });
    const batch = [await goodMessage("g1"), await brokenMessage("b1"), await goodMessage("g2")];
    const error = await mailer.sendBatch(batch, { idempotencyKey: "batch-1" }).catch(toInngestError);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(transport.sendBatch).not.toHaveBeenCalled();
  });

  it("leaves the outbox empty when the gate refuses", async () => {
    const handle = openNodeDb();
    dbs.push(handle);
    const mailer = createMailer({ transport: createOutboxTransport(handle.db), config });
    await expect(mailer.send(await brokenMessage())).rejects.toThrow(/broken-no-footer/);
    await expect(
      mailer.sendBatch([await goodMessage("g1"), await brokenMessage("b1")], { idempotencyKey: "b" }),
    ).rejects.toThrow(/broken-no-footer/);
    const [row] = await handle.db.select({ n: count() }).from(outbox);
    expect(row?.n).toBe(0);
  });

  it("checks the postal address from config.mail.postalAddress", async () => {
    const transport = spyTransport();
    const other = { ...config, mail: { ...config.mail, postalAddress: "1 Elsewhere Road, Nowhere" } };
    const mailer = createMailer({ transport, config: other });
    await expect(mailer.send(await goodMessage())).rejects.toThrow(/postal address in html/);
    expect(transport.send).not.toHaveBeenCalled();
  });

  it("refuses a batch of more than MAX_BATCH messages before any provider call", async () => {
    const transport = spyTransport();
    const mailer = createMailer({ transport, config });
    const good = await goodMessage();
    const batch = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ ...good, idempotencyKey: `g${i}` }));
    await expect(mailer.sendBatch(batch, { idempotencyKey: "too-big" })).rejects.toThrow(
      `a batch holds at most ${MAX_BATCH} messages`,
    );
    expect(transport.sendBatch).not.toHaveBeenCalled();
    expect(MAX_BATCH).toBe(100);
  });

  it("sends a good message and fills in From from config", async () => {
    const handle = openNodeDb();
    dbs.push(handle);
    const mailer = createMailer({ transport: createOutboxTransport(handle.db), config });
    const { providerMessageId } = await mailer.send(await goodMessage());
    const rows = await handle.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(providerMessageId);
    expect(rows[0]?.from).toBe(config.mail.from);
    expect(previewUnsubscribeUrl).toMatch(/^https:/);
  });
});

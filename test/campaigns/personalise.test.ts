// Render once per variant + substitute per recipient must give exactly what a per-recipient React Email render
// gives: same subject, byte-identical HTML and text, for names that need escaping and for every crisis region.
import { afterEach, describe, expect, it } from "vitest";
import type { Recipient } from "../../src/campaigns/audience.ts";
import { buildCampaignMessages, campaignBaseProps } from "../../src/campaigns/build-emails.ts";
import {
  createVariantCache,
  personalise,
  renderVariant,
  sanitiseFirstName,
} from "../../src/campaigns/personalise.ts";
import { emailContext } from "../../src/emails/context.ts";
import { renderEmail, unsubscribeHeaders } from "../../src/emails/render.ts";
import { unsubscribeUrls } from "../../src/lib/tokens.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import type { TestApp } from "../helpers/app.ts";
import { campaignRow, createCampaign, setup } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const recipients: Recipient[] = [
  { id: "sub_p01", email: "a@example.org", firstName: `Zoë "Z" O'Brien & <Co>`, locale: "en", country: "US" },
  {
    id: "sub_p02",
    email: "b@example.org",
    firstName: "<script>alert('x')</script>",
    locale: "en-GB",
    country: "GB",
  },
  { id: "sub_p03", email: "c@example.org", firstName: "Ana & Bo", locale: "en", country: "CA" },
  { id: "sub_p04", email: "d@example.org", firstName: null, locale: "en", country: null },
  { id: "sub_p05", email: "e@example.org", firstName: "   ", locale: "fr", country: "FR" },
  { id: "sub_p06", email: "f@example.org", firstName: "Mary\tAnn  \u202eLee", locale: "en", country: "IE" },
  { id: "sub_p07", email: "g@example.org", firstName: "%%HM_UNSUBSCRIBE_URL%%", locale: "en", country: "US" },
  { id: "sub_p08", email: "h@example.org", firstName: "&amp; &lt;", locale: "en", country: "US" },
];

describe("personalisation by substitution", () => {
  it("equals a per-recipient React Email render for names with <, &, quotes and for every variant", async () => {
    t = setup();
    const campaign = await campaignRow(t, await createCampaign(t));
    const messages = await buildCampaignMessages(t.deps, campaign, recipients, {
      cache: createVariantCache(),
      idempotencyKey: (r) => `${campaign.id}:${r.id}`,
      tags: [{ name: "campaign", value: campaign.id }],
    });
    expect(messages).toHaveLength(recipients.length);

    const base = campaignBaseProps(t.deps.content, campaign);
    const { appUrl, tokenSecret } = t.deps.config;
    for (const [i, recipient] of recipients.entries()) {
      const message = messages[i];
      if (!message) throw new Error("missing message");
      // The campaign's links name the campaign, so an unsubscribe is attributed to it.
      const { pageUrl, oneClickUrl, preferencesUrl } = await unsubscribeUrls(
        appUrl,
        tokenSecret,
        recipient.id,
        {
          campaignId: campaign.id,
        },
      );
      const reference = await renderEmail("campaign", {
        ...base,
        ctx: emailContext(t.deps, recipient),
        firstName: sanitiseFirstName(recipient.firstName),
        unsubscribeUrl: pageUrl,
        preferencesUrl,
      });
      expect(message.subject).toBe(reference.subject);
      expect(message.html).toBe(reference.html);
      expect(message.text).toBe(reference.text);
      expect(message.to).toBe(recipient.email);
      expect(message.headers).toEqual(unsubscribeHeaders(oneClickUrl));
      expect(message).toMatchObject({ kind: "marketing", advertising: true, templateId: "campaign" });
      expect(message.idempotencyKey).toBe(`${campaign.id}:${recipient.id}`);
      // Every personalised message still carries footer, attribution, postal address, unsubscribe, advertising.
      expect(checkMessage(message, { postalAddress: t.deps.config.mail.postalAddress })).toEqual({
        ok: true,
      });
    }

    // The names really were escaped in HTML and plain in text (not merely equal to a render that dropped them).
    const [first, second, , fourth] = messages;
    expect(first?.html).toContain("Hi Zoë &quot;Z&quot; O&#x27;Brien &amp; &lt;Co&gt;,");
    expect(first?.text).toContain(`Hi Zoë "Z" O'Brien & <Co>,`);
    expect(second?.html).not.toContain("<script>");
    expect(second?.text).toContain("Hi <script>alert('x')</script>,");
    expect(fourth?.html).toContain("Hello,");
    // A name that looks like a placeholder is printed, never re-substituted.
    expect(messages[6]?.text).toContain("Hi %%HM_UNSUBSCRIBE_URL%%,");
    expect(messages[7]?.html).toContain("Hi &amp;amp; &amp;lt;,");
  });

  it("renders each variant once and reuses it across pages", async () => {
    t = setup();
    const campaign = await campaignRow(t, await createCampaign(t));
    const cache = createVariantCache();
    const page = recipients.slice(0, 4);
    const options = { cache, idempotencyKey: (r: Recipient) => r.id, tags: [] };
    await buildCampaignMessages(t.deps, campaign, page, options);
    const afterFirst = cache.size;
    await buildCampaignMessages(t.deps, campaign, page, options);
    expect(afterFirst).toBe(4);
    expect(cache.size).toBe(afterFirst);
  });

  it("refuses to personalise a template whose placeholders would not land in both parts", async () => {
    t = setup();
    const campaign = await campaignRow(t, await createCampaign(t));
    const base = campaignBaseProps(t.deps.content, campaign);
    const ctx = emailContext(t.deps, { locale: "en", country: "US" });
    const named = await renderVariant(base, ctx, true);
    expect(named.html.slots).toContain("firstName");
    expect(named.text.slots).toContain("unsubscribeUrl");
    expect(named.text.slots).toContain("preferencesUrl");
    const out = personalise(named, {
      firstName: "A&B",
      unsubscribeUrl: "https://x.test/u?token=a.b",
      preferencesUrl: "https://x.test/p?token=a.b",
    });
    expect(out.html).toContain('href="https://x.test/p?token=a.b"');
    expect(out.text).toContain("https://x.test/p?token=a.b");
    expect(out.html).toContain("Hi A&amp;B,");
    expect(out.text).toContain("https://x.test/u?token=a.b");
  });

  it("sanitises first names the same way for both paths", () => {
    expect(sanitiseFirstName("  Jo \n Ann ")).toBe("Jo Ann");
    expect(sanitiseFirstName("\u0007\u202e")).toBeNull();
    expect(sanitiseFirstName("x".repeat(80))).toHaveLength(50);
    expect(sanitiseFirstName(null)).toBeNull();
  });
});

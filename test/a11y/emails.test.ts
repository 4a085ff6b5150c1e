// Every email and lesson passes axe-core: lang, title, image alt text, presentation tables, link names,
// heading order. Only "region" (all content inside landmarks) is off: it is a web-page rule, and mail clients
// wrap each message in their own chrome.
import { describe, expect, it } from "vitest";
import { loadContentFromDisk } from "../../src/content/node.ts";
import { emailSamples } from "../../src/emails/catalog.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { axeViolations } from "./axe.ts";

const EMAIL_ONLY_EXCEPTIONS = ["region"];
const content = loadContentFromDisk();

describe("accessibility of every email", () => {
  it.each(emailSamples(content).map((s) => [s.name, s] as const))("%s", async (_name, sample) => {
    const { html } = await renderEmail(sample.templateId, sample.props);
    expect(await axeViolations(html, EMAIL_ONLY_EXCEPTIONS)).toEqual([]);
  });
});

describe("the axe harness", () => {
  it("does report real problems (so an empty list above means something)", async () => {
    const broken =
      '<!doctype html><html><head></head><body><main><h1>x</h1><img src="https://x.test/a.png">' +
      '<input type="text" name="email"><a href="https://x.test"></a></main></body></html>';
    const ids = (await axeViolations(broken)).map((v) => v.id);
    expect(ids).toEqual(
      expect.arrayContaining(["html-has-lang", "document-title", "image-alt", "label", "link-name"]),
    );
  });
});

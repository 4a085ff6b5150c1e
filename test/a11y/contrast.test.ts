// Every visible piece of text on the hosted pages and in every email reaches WCAG AA contrast (4.5:1).
import { afterEach, describe, expect, it } from "vitest";
import { loadContentFromDisk } from "../../src/content/node.ts";
import { emailSamples } from "../../src/emails/catalog.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { contrastRatio, lowContrastText } from "./contrast.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("contrast checker", () => {
  it("computes WCAG ratios and flags pale text", () => {
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(contrastRatio([119, 119, 119, 1], [255, 255, 255, 1])).toBeCloseTo(4.48, 2);
    const pale = lowContrastText(
      '<html><body style="background:#fff"><p style="color:#aaaaaa">faint</p><p style="color:#333">ok</p>' +
        '<div style="background:#12355b"><span>dark on dark</span></div></body></html>',
    );
    expect(pale.map((p) => p.text)).toEqual(["faint", "dark on dark"]);
  });
});

describe("contrast of the hosted pages", () => {
  it.each(["/", "/check-your-inbox", "/confirm?token=x.y", "/unsubscribe?token=x.y"])("%s", async (path) => {
    t = createTestApp();
    const html = await (await t.app.request(path)).text();
    expect(lowContrastText(html)).toEqual([]);
  });

  it("the signup form with errors", async () => {
    t = createTestApp();
    const res = await t.app.request("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=nope",
    });
    expect(lowContrastText(await res.text())).toEqual([]);
  });
});

describe("contrast of every email", () => {
  const content = loadContentFromDisk();
  it.each(emailSamples(content).map((s) => [s.name, s] as const))("%s", async (_name, sample) => {
    const { html } = await renderEmail(sample.templateId, sample.props);
    expect(lowContrastText(html)).toEqual([]);
  });
});

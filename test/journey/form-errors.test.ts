// The shared field-error markup of the public forms (signup, preferences): message ids, aria wiring, summary.

import { html } from "hono/html";
import { describe, expect, it } from "vitest";
import { describedBy, errorFor, errorSummary, fieldId } from "../../src/api/pages/form-errors.ts";

const text = async (h: unknown) => String(await h);

describe("field error markup", () => {
  it("derives each field's element id from its name in kebab case", () => {
    expect(fieldId("email")).toBe("email");
    expect(fieldId("firstName")).toBe("first-name");
    expect(fieldId("welcomeBack")).toBe("welcome-back");
  });

  it("shows a field's first message under its id plus -error, and nothing without one", async () => {
    const errors = { firstName: ["Too long.", "Second message."] };
    expect(await text(errorFor(errors, "firstName"))).toBe(
      '<p class="error" id="first-name-error"><span class="visually-hidden">Error:</span> Too long.</p>',
    );
    expect(await text(errorFor(errors, "country"))).toBe("");
    expect(await text(errorFor({ firstName: [] }, "firstName"))).toBe("");
  });

  it("escapes the message", async () => {
    expect(await text(errorFor({ weeks: ["<b>Pick</b>"] }, "weeks"))).toBe(
      '<p class="error" id="weeks-error"><span class="visually-hidden">Error:</span> &lt;b&gt;Pick&lt;/b&gt;</p>',
    );
  });

  it("describes a control by its hint, then its error, and marks it invalid only with an error", async () => {
    expect(await text(describedBy({}, "firstName"))).toBe("");
    expect(await text(describedBy({}, "firstName", "first-name-hint"))).toBe(
      ' aria-describedby="first-name-hint"',
    );
    expect(await text(describedBy({ firstName: ["x"] }, "firstName", "first-name-hint"))).toBe(
      ' aria-invalid="true" aria-describedby="first-name-hint first-name-error"',
    );
    expect(await text(describedBy({ country: ["x"] }, "country"))).toBe(
      ' aria-invalid="true" aria-describedby="country-error"',
    );
  });
});

describe("errorSummary", () => {
  it("puts the title and the items in one focusable alert", async () => {
    const out = await text(errorSummary("Please check the form", [html`<li>One</li>`, html`<li>Two</li>`]));
    expect(out).toContain(
      '<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>',
    );
    expect(out).toContain('<h2 id="error-summary-title">Please check the form</h2>');
    expect(out).toMatch(/<ul>\s*<li>One<\/li><li>Two<\/li>\s*<\/ul>/);
  });
});

/** @jsxImportSource hono/jsx */
// The console's small shared pieces: a TextField bound to one form's values, messages and labels by field name,
// the error summary, the status notice shown after a form's redirect, and the stylesheet's rule for invalid fields.
import { describe, expect, it } from "vitest";
import { CONSOLE_CSS } from "../../src/console/assets/console-css.ts";
import { PEOPLE_CSS } from "../../src/console/assets/people-css.ts";
import { ErrorSummary } from "../../src/console/components/error-summary.tsx";
import { Notice } from "../../src/console/components/notice.tsx";
import { boundTextField } from "../../src/console/components/text-field.tsx";

const html = (node: unknown) => String(node);

describe("boundTextField", () => {
  const values = { city: "Lyon", zip: undefined, subscribed: true };
  const labels = { city: "City", zip: "Postcode" };

  it("takes the label, value and messages of the field it names, and no other field's", () => {
    const Field = boundTextField(values, { zip: ["Use five digits."], city: [] }, labels);
    const city = html(<Field name="city" hint="Where you live" required />);
    expect(city).toContain('<label for="field-city">City</label>');
    expect(city).toContain('<p class="hint" id="field-city-hint">Where you live</p>');
    expect(city).toContain('value="Lyon"');
    expect(city).toContain("required");
    expect(city).toContain('aria-describedby="field-city-hint"');
    expect(city).not.toContain("aria-invalid");
    expect(city).not.toContain("Use five digits.");

    const zip = html(<Field name="zip" />);
    expect(zip).toContain('<label for="field-zip">Postcode</label>');
    expect(zip).toContain('value=""');
    expect(zip).toContain('aria-invalid="true"');
    expect(zip).toContain('<p class="error" id="field-zip-error">Use five digits.</p>');
    expect(zip).not.toContain("required");
    expect(zip).not.toContain('class="hint"');
  });

  it("shows no messages when the form has none", () => {
    const Field = boundTextField(values, undefined, labels);
    const out = html(<Field name="city" />);
    expect(out).not.toContain("aria-invalid");
    expect(out).not.toContain('class="error"');
  });
});

describe("Notice", () => {
  it("is a status line with the text, and nothing at all without text", () => {
    expect(html(<Notice text="Saved." />)).toBe('<p class="notice" role="status">Saved.</p>');
    expect(html(<Notice text={undefined} />)).toBe("");
    expect(html(<Notice text="" />)).toBe("");
  });
});

describe("ErrorSummary", () => {
  const labels = { name: "Name", bodyMarkdown: "Body", email: "Email address" };

  it("names each field once, linked to the field: the label leads unless the message already opens with it", () => {
    const out = html(
      <ErrorSummary
        labels={labels}
        errors={{
          name: ["Name: at least 3 characters."],
          bodyMarkdown: ["The body is empty."],
          tags: ["Use lower-case tags."],
        }}
      />,
    );
    expect(out).toContain('<li><a href="#field-name">Name: at least 3 characters.</a></li>');
    expect(out).not.toContain("Name: Name:");
    expect(out).toContain('<li><a href="#field-bodyMarkdown">Body: The body is empty.</a></li>');
    // A field without a label: the message alone.
    expect(out).toContain('<li><a href="#field-tags">Use lower-case tags.</a></li>');
  });

  it("does not take a message that only starts with the label's word for one that names the field", () => {
    const out = html(<ErrorSummary labels={labels} errors={{ email: ["Email addresses need an @."] }} />);
    expect(out).toContain('<a href="#field-email">Email address: Email addresses need an @.</a>');
  });

  it('shows the form\'s own message ("_") as text: there is no field to link to', () => {
    const out = html(<ErrorSummary labels={labels} errors={{ _: ["The campaign changed meanwhile."] }} />);
    expect(out).toContain("<li>The campaign changed meanwhile.</li>");
    expect(out).not.toContain("#field-_");
  });

  it("is nothing at all without messages", () => {
    expect(html(<ErrorSummary labels={labels} errors={undefined} />)).toBe("");
    expect(html(<ErrorSummary labels={labels} errors={{ name: [] }} />)).toBe("");
  });
});

describe("console stylesheet", () => {
  const css = CONSOLE_CSS + PEOPLE_CSS;
  /** The rules (selector list and declarations) in source order, media queries' contents included. */
  const rules = [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selectors: (m[1] ?? "").split(",").map((x) => x.trim()),
    body: m[2] ?? "",
  }));
  const last = (selector: string, property: string) =>
    rules.findLastIndex((r) => r.selectors.includes(selector) && r.body.includes(`${property}:`));

  it("gives every invalid input, select and textarea the danger border, after the rule for their normal border", () => {
    for (const control of ["input", "select", "textarea"]) {
      const selector = `${control}[aria-invalid="true"]`;
      const at = last(selector, "border-color");
      expect(at, selector).toBeGreaterThanOrEqual(0);
      expect(rules[at]?.body).toContain("border-color: var(--danger)");
      // input[type=text] has the same specificity as input[aria-invalid="true"]: the later rule wins.
      expect(at).toBeGreaterThan(last("input[type=text]", "border"));
    }
  });

  it("lets a stacked table shrink to the phone's width inside the scrolling wrapper", () => {
    const at = last(".table-wrap table.stack", "min-width");
    expect(at).toBeGreaterThan(last(".table-wrap table", "min-width"));
    expect(rules[at]?.body).toContain("min-width: 0");
  });
});

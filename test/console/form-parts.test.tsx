/** @jsxImportSource hono/jsx */
// The console's small shared pieces: a TextField bound to one form's values, messages and labels by field name,
// and the status notice shown after a form's redirect.
import { describe, expect, it } from "vitest";
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

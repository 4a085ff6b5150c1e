// Field errors on the public forms (signup, preferences), GOV.UK's error pattern: the message above its field,
// the field marked aria-invalid and described by its hint and that message, and a summary at the top whose links
// move focus to each field.
import { html } from "hono/html";
import type { FieldErrors } from "../errors.ts";
import type { Html } from "./layout.ts";

/** A field's element id on the forms: its name in kebab case ("firstName" → "first-name"). */
export function fieldId(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

const errorId = (field: string) => `${fieldId(field)}-error`;

/** The field's first message, or nothing. */
export function errorFor(errors: FieldErrors, field: string): Html | string {
  const message = errors[field]?.[0];
  return message
    ? html`<p class="error" id="${errorId(field)}"><span class="visually-hidden">Error:</span> ${message}</p>`
    : "";
}

/** The control's aria-invalid and aria-describedby attributes (its hint first, then its error). */
export function describedBy(errors: FieldErrors, field: string, hintId?: string): Html {
  const ids = [hintId, errors[field] ? errorId(field) : undefined].filter(Boolean).join(" ");
  return html`${errors[field] ? html` aria-invalid="true"` : ""}${ids ? html` aria-describedby="${ids}"` : ""}`;
}

/**
 * The summary above a refused form, one item per error (none: no summary); autofocus: a keyboard or screen reader
 * user lands on it, not at the top of the page.
 */
export function errorSummary(title: string, items: readonly Html[]): Html | string {
  if (items.length === 0) return "";
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title">${title}</h2>
  <ul>
    ${items}
  </ul>
</div>`;
}

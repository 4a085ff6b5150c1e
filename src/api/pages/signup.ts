// The hosted signup form. Works without JavaScript: the server re-renders it with the visitor's values and an
// error summary whose links move focus to each field (GOV.UK error pattern).
import { html, raw } from "hono/html";
import { CONSENT_DETAIL, CONSENT_LABEL, FORMS, PRIVACY_NOTE } from "../../subscribers/consent.ts";
import { HONEYPOT_FIELD } from "../../subscribers/input.ts";
import { TIME_ZONE_FIELD_ID, TIME_ZONE_SCRIPT_TAG } from "../assets.ts";
import type { FieldErrors } from "../errors.ts";
import { describedBy, errorFor, errorSummary, fieldId } from "./form-errors.ts";
import { type Html, page } from "./layout.ts";

export type SignupValues = { email?: string; firstName?: string; country?: string; consent?: boolean };

/** Crisis lines differ by country (safety rule 2); asking is optional and only picks the footer line. */
const COUNTRIES: [code: string, label: string][] = [
  // Short enough to show whole in the select on a 320 px phone.
  ["", "Elsewhere, or not saying"],
  ["US", "United States"],
  ["CA", "Canada"],
  ["GB", "United Kingdom"],
  ["IE", "Ireland"],
];

const FIELD_ORDER = ["email", "firstName", "country", "consent"] as const;

function signupErrorSummary(errors: FieldErrors): Html | string {
  // Known fields first, in form order; anything else (hidden fields from an embed) after, so nothing is hidden.
  const known = FIELD_ORDER.filter((f) => errors[f]).map(
    (f) => html`<li><a href="#${fieldId(f)}">${errors[f]?.[0] ?? ""}</a></li>`,
  );
  const other = Object.entries(errors)
    .filter(([f]) => !(FIELD_ORDER as readonly string[]).includes(f))
    .map(([f, m]) => html`<li>${`${f}: ${m[0] ?? ""}`}</li>`);
  return errorSummary("Please check the form", [...known, ...other]);
}

export function signupForm(options: {
  action: string;
  values?: SignupValues;
  errors?: FieldErrors;
  page?: string;
  source?: string;
}): Html {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  return html`${signupErrorSummary(errors)}
<form method="post" action="${options.action}">
  <input type="hidden" name="source" value="${options.source ?? FORMS.hosted}">
  ${options.page ? html`<input type="hidden" name="page" value="${options.page}">` : ""}
  <input type="hidden" name="timeZone" id="${TIME_ZONE_FIELD_ID}" value="">

  <label for="email">Email address</label>
  ${errorFor(errors, "email")}
  <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${values.email ?? ""}"${describedBy(errors, "email")}>

  <label for="first-name">First name (optional)</label>
  <p class="hint" id="first-name-hint">We use it only to greet you.</p>
  ${errorFor(errors, "firstName")}
  <input id="first-name" name="firstName" type="text" autocomplete="given-name" maxlength="50" value="${values.firstName ?? ""}"${describedBy(errors, "firstName", "first-name-hint")}>

  <label for="country">Where do you live? (optional)</label>
  <p class="hint" id="country-hint">So every email shows the crisis line that works where you are.</p>
  ${errorFor(errors, "country")}
  <select id="country" name="country"${describedBy(errors, "country", "country-hint")}>
    ${COUNTRIES.map(([code, label]) => html`<option value="${code}"${values.country === code ? html` selected` : ""}>${label}</option>`)}
  </select>

  <div class="hp" aria-hidden="true">
    <label for="${HONEYPOT_FIELD}">Leave this field empty</label>
    <input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off">
  </div>

  <div class="check">
    <input id="consent" name="consent" type="checkbox" value="yes"${values.consent ? html` checked` : ""}${describedBy(errors, "consent", "consent-hint")}>
    <div>
      <label for="consent">${CONSENT_LABEL}</label>
      ${errorFor(errors, "consent")}
    </div>
  </div>
  <p class="hint" id="consent-hint">${CONSENT_DETAIL} Read our <a href="/privacy">privacy notice</a>.</p>

  <button type="submit">Subscribe</button>
</form>
<p class="privacy">${PRIVACY_NOTE}</p>
${raw(TIME_ZONE_SCRIPT_TAG)}`;
}

export function signupPage(options: {
  appUrl: string;
  postalAddress: string;
  values?: SignupValues;
  errors?: FieldErrors;
  page?: string;
  source?: string;
}): Html {
  const hasErrors = Object.keys(options.errors ?? {}).length > 0;
  return page({
    title: `${hasErrors ? "Error: " : ""}Subscribe`,
    postalAddress: options.postalAddress,
    country: options.values?.country,
    body: html`<h1>Understanding treatment-resistant depression</h1>
<p>A free series of short, carefully sourced emails from Hopemark Health about newer treatment options, what the
evidence says, and how to talk to a clinician about them. We never ask about your health.</p>
${signupForm({
  action: `${options.appUrl}/`,
  page: options.page ?? `${options.appUrl}/`,
  ...(options.values ? { values: options.values } : {}),
  ...(options.errors ? { errors: options.errors } : {}),
  ...(options.source ? { source: options.source } : {}),
})}`,
  });
}

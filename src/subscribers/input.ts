// The one signup schema, shared by the hosted form, the JSON API and the signup webhook. Messages are written
// for the person filling in the form: they appear next to the field on the HTML page and under `fields` in JSON.
import { z } from "zod";
import {
  asciiDomain,
  localPartFits,
  MAX_ADDRESS,
  MAX_LOCAL_PART,
  normaliseEmail,
} from "../lib/email-address.ts";
import { timeZoneField } from "./time-zone.ts";

/** The honeypot field: invisible to people, tempting to bots. A value in it drops the signup silently. */
export const HONEYPOT_FIELD = "website";

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

// The subscriber fields' patterns, also used by the admin API and CSV import so every way in holds a person's
// name, locale and country to the same rules.

/**
 * A letter (any script) first, then letters, combining marks, spaces, apostrophes, dots and hyphens. This rules
 * out control characters, CR/LF (header injection), angle brackets and URLs, which spammers put in name fields,
 * and a leading combining mark, which has nothing to combine with and is used to stack glyphs over the text
 * around the name ("Zalgo").
 */
export const NAME = /^\p{L}[\p{L}\p{M}'’ .-]*$/u;
/** A BCP 47-like language tag: "en", "en-GB", "pt_BR" (the underscore is turned into a hyphen). */
export const LOCALE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;
/** ISO 3166-1 alpha-2, either case; stored upper case. */
export const COUNTRY = /^[A-Za-z]{2}$/;
const CONSENT_TRUE = new Set(["on", "yes", "true", "1"]);

/**
 * One address rule for every way in (form, API, webhook, CSV import): an internationalised domain is turned into
 * its punycode form first (what is stored, hashed and sent to), then RFC 5321's limits apply to that form: 64
 * octets before the @, 254 in all.
 */
export function emailField(messages: {
  required: string;
  tooLong: string;
  localTooLong: string;
  invalid: string;
}) {
  return z
    .string({ error: messages.required })
    .trim()
    .min(1, messages.required)
    .max(MAX_ADDRESS * 4, messages.tooLong)
    .transform(asciiDomain)
    .pipe(
      z
        .string()
        .max(MAX_ADDRESS, messages.tooLong)
        .refine(localPartFits, messages.localTooLong)
        .pipe(z.email(messages.invalid)),
    )
    .transform(normaliseEmail);
}

/** Optional first name: the signup and the preferences page take it by the same rules and messages. */
export const firstNameField = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "First name must be text." })
    .trim()
    .max(50, "Keep your first name under 50 characters.")
    .regex(NAME, "Use letters, spaces, apostrophes, dots or hyphens only.")
    .transform((v) => v.normalize("NFC"))
    .optional(),
);

/**
 * Optional ISO country code, upper-cased. One rule; the messages are the caller's (an API client is told the
 * format, a reader on the preferences page to choose from the list).
 */
export function countryField(messages: { notText: string; invalid: string }) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: messages.notText })
      .trim()
      .regex(COUNTRY, messages.invalid)
      .transform((v) => v.toUpperCase())
      .optional(),
  );
}

export const signupSchema = z.object({
  email: emailField({
    required: "Enter your email address.",
    tooLong: "That email address is too long.",
    localTooLong: `The part before the @ can be at most ${MAX_LOCAL_PART} characters.`,
    invalid: "Enter a valid email address, like name@example.com.",
  }),
  firstName: firstNameField,
  // An HTML checkbox sends "on" (or its value) when ticked and nothing when not; JSON sends a boolean.
  consent: z.preprocess(
    (v) => v === true || (typeof v === "string" && CONSENT_TRUE.has(v.trim().toLowerCase())),
    z.literal(true, { error: "Tick the box to confirm you want these emails." }),
  ),
  locale: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Locale must be text." })
      .trim()
      .max(35, "Locale is too long.")
      .regex(LOCALE, 'Use a language tag like "en" or "en-GB".')
      .transform((v) => v.replace(/_/g, "-"))
      .optional(),
  ),
  country: countryField({
    notText: "Country must be text.",
    invalid: 'Use a two-letter country code like "US".',
  }),
  /** IANA zone; the hosted form fills it from the browser (see dropUnknownTimeZone). */
  timeZone: timeZoneField,
  source: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Source must be text." })
      .trim()
      .regex(/^[a-z0-9][a-z0-9:_-]{0,39}$/, "Source: up to 40 lower-case letters, digits, dashes or colons.")
      .optional(),
  ),
  page: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Page must be a URL." })
      .trim()
      .max(2000, "Page URL is too long.")
      .pipe(z.url({ protocol: /^https?$/, error: "Page must be an http(s) URL." }))
      .transform(stripQuery)
      .optional(),
  ),
});

export type SignupInput = z.output<typeof signupSchema>;

/** Consent records keep the page without query string or fragment: those often carry tracking ids or emails. */
export function stripQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0] ?? url;
  }
}

/** True when the honeypot holds anything at all. */
export function isBot(body: Record<string, unknown>): boolean {
  const value = body[HONEYPOT_FIELD];
  return value !== undefined && value !== null && value !== "" && value !== false;
}

// Render once per variant, personalise per recipient. React Email takes about a millisecond per render; a
// campaign to 100,000 people would spend minutes in it. The email only differs between recipients in three
// ways: the variant (locale and country pick <html lang> and the crisis line; a known first name picks "Hi X,"
// over "Hello,"), the first name itself and the unsubscribe URL. So each variant is rendered once with
// placeholder tokens, split into static pieces around them, and each recipient's message is the pieces joined
// with their values: HTML-escaped (the five characters React escapes) in the HTML part, the plain value in the
// text part. test/campaigns/personalise.test.ts proves the result is byte-identical to a per-recipient render.
import type { CampaignEmailProps } from "../emails/campaign.tsx";
import { escapeHtml, renderEmail } from "../emails/render.ts";
import type { EmailContext } from "../emails/types.ts";

export const FIRST_NAME_PLACEHOLDER = "%%HM_FIRST_NAME%%";
export const UNSUBSCRIBE_URL_PLACEHOLDER = "%%HM_UNSUBSCRIBE_URL%%";
export const PREFERENCES_URL_PLACEHOLDER = "%%HM_PREFERENCES_URL%%";
/** Content containing this prefix is refused at creation, so no marketer text can collide with a slot. */
export const PLACEHOLDER_PREFIX = "%%HM_";

type Slot = "firstName" | "unsubscribeUrl" | "preferencesUrl";
const SLOT_BY_TOKEN: Record<string, Slot> = {
  [FIRST_NAME_PLACEHOLDER]: "firstName",
  [UNSUBSCRIBE_URL_PLACEHOLDER]: "unsubscribeUrl",
  [PREFERENCES_URL_PLACEHOLDER]: "preferencesUrl",
};
const TOKENS = /%%HM_(?:FIRST_NAME|UNSUBSCRIBE_URL|PREFERENCES_URL)%%/g;

/** Static text with holes: statics.length === slots.length + 1. */
export interface Template {
  statics: string[];
  slots: Slot[];
}

export interface CompiledVariant {
  subject: string;
  html: Template;
  text: Template;
}

/** Everything the campaign email needs except the per-recipient values. */
export type CampaignBaseProps = Omit<
  CampaignEmailProps,
  "ctx" | "firstName" | "unsubscribeUrl" | "preferencesUrl"
>;

export type PersonalValues = { firstName: string | null; unsubscribeUrl: string; preferencesUrl: string };

// Bidirectional overrides can make a name display as different text than it is; controls break headers and
// layout. Neither belongs in a greeting.
const UNSAFE_CHARS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const MAX_FIRST_NAME = 50;

/**
 * The first name as it may appear in an email: no control or bidi-override characters, whitespace collapsed (as
 * HTML and the plain-text conversion would show it anyway), at most 50 characters. Null when nothing is left,
 * which gives the "Hello," greeting. Per-recipient renders use the same value, so both paths agree.
 */
export function sanitiseFirstName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw.normalize("NFC").replace(UNSAFE_CHARS, "").replace(/\s+/g, " ").trim();
  if (cleaned === "") return null;
  const chars = Array.from(cleaned);
  return chars.length > MAX_FIRST_NAME ? chars.slice(0, MAX_FIRST_NAME).join("").trim() : cleaned;
}

function compile(source: string): Template {
  const statics: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKENS)) {
    const slot = SLOT_BY_TOKEN[match[0]];
    if (!slot) continue;
    statics.push(source.slice(last, match.index));
    slots.push(slot);
    last = match.index + match[0].length;
  }
  statics.push(source.slice(last));
  return { statics, slots };
}

function fill(template: Template, values: Record<Slot, string>): string {
  let out = template.statics[0] ?? "";
  for (let i = 0; i < template.slots.length; i++) {
    out += values[template.slots[i] as Slot] + (template.statics[i + 1] ?? "");
  }
  return out;
}

function countSlot(template: Template, slot: Slot): number {
  return template.slots.filter((s) => s === slot).length;
}

/**
 * Renders one variant with placeholders and checks that the placeholders landed where substitution is safe:
 * the unsubscribe URL in both parts, the first name in both parts exactly when the variant greets by name, and
 * neither in the subject. A template change that breaks this fails loudly here instead of sending a wrong email.
 */
export async function renderVariant(
  base: CampaignBaseProps,
  ctx: EmailContext,
  named: boolean,
): Promise<CompiledVariant> {
  const rendered = await renderEmail("campaign", {
    ...base,
    ctx,
    firstName: named ? FIRST_NAME_PLACEHOLDER : null,
    unsubscribeUrl: UNSUBSCRIBE_URL_PLACEHOLDER,
    preferencesUrl: PREFERENCES_URL_PLACEHOLDER,
  });
  const html = compile(rendered.html);
  const text = compile(rendered.text);
  const problems: string[] = [];
  if (rendered.subject.includes(PLACEHOLDER_PREFIX)) problems.push("a placeholder reached the subject");
  for (const [part, template] of [
    ["html", html],
    ["text", text],
  ] as const) {
    if (countSlot(template, "unsubscribeUrl") === 0) problems.push(`no unsubscribe URL slot in ${part}`);
    if (countSlot(template, "preferencesUrl") === 0) problems.push(`no preferences URL slot in ${part}`);
    const names = countSlot(template, "firstName");
    if (named && names === 0) problems.push(`no first-name slot in ${part}`);
    if (!named && names > 0) problems.push(`a first-name slot in the unnamed ${part}`);
  }
  if (problems.length > 0)
    throw new Error(`campaign template cannot be personalised: ${problems.join("; ")}`);
  return { subject: rendered.subject, html, text };
}

/** One recipient's subject, HTML and text from a compiled variant. `firstName` must be sanitised already. */
export function personalise(
  variant: CompiledVariant,
  values: PersonalValues,
): { subject: string; html: string; text: string } {
  const firstName = values.firstName ?? "";
  return {
    subject: variant.subject,
    html: fill(variant.html, {
      firstName: escapeHtml(firstName),
      unsubscribeUrl: escapeHtml(values.unsubscribeUrl),
      preferencesUrl: escapeHtml(values.preferencesUrl),
    }),
    text: fill(variant.text, {
      firstName,
      unsubscribeUrl: values.unsubscribeUrl,
      preferencesUrl: values.preferencesUrl,
    }),
  };
}

/** What distinguishes one variant's rendering from another's (everything else is the same for all recipients). */
export function variantKey(recipient: { locale: string; country: string | null }, named: boolean): string {
  return JSON.stringify([recipient.locale, recipient.country ?? null, named]);
}

/**
 * A bounded per-process cache of compiled variants, keyed by a fingerprint of the campaign's render input.
 * Page steps of one campaign running in the same process then render each variant once for the whole campaign;
 * a new process (or Worker isolate) simply renders again. Content never changes under a key, because the key
 * is derived from the content itself.
 */
export function createVariantCache(maxEntries = 500) {
  const entries = new Map<string, Promise<CompiledVariant>>();
  return {
    get(key: string, build: () => Promise<CompiledVariant>): Promise<CompiledVariant> {
      let hit = entries.get(key);
      if (!hit) {
        if (entries.size >= maxEntries) entries.clear();
        hit = build();
        // A failed render must not stay cached: the next page should try again (and fail with the real reason).
        hit.catch(() => entries.delete(key));
        entries.set(key, hit);
      }
      return hit;
    },
    get size() {
      return entries.size;
    },
  };
}
export type VariantCache = ReturnType<typeof createVariantCache>;

/** A short, stable fingerprint (53-bit FNV-style hash) of a string; collisions only cost a wrong cache hit
 * between two campaigns with different content, so the campaign id is part of every key as well. */
export function fingerprint(value: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

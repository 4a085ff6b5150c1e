// The preferences page (GET /preferences?token=…, the "Manage preferences" link in every marketing email). Plain
// forms, one per thing a reader may want (topics and details, a break, resuming, leaving), so it works without
// JavaScript; each posts to its own route and comes back here (post/redirect/get). The crisis line comes first,
// as on every page, chosen by the reader's country.
import { html } from "hono/html";
import type { Topic } from "../../content/index.ts";
import { PAUSE_WEEKS } from "../../subscribers/pause.ts";
import type { FieldErrors } from "../errors.ts";
import { describedBy, errorFor, errorSummary, fieldId } from "./form-errors.ts";
import { type Html, page } from "./layout.ts";

type Common = { appUrl: string; postalAddress: string };

export type PreferencesView = {
  token: string;
  topics: readonly Topic[];
  /** Topic id → on. */
  choices: Record<string, boolean>;
  firstName: string | null;
  country: string | null;
  /** Set while the reader is on a break. */
  pausedUntil: Date | null;
  /** The reader's time zone (their own, their country's or the brand's), for the day the break ends. */
  timeZone: string;
  welcomeBack: boolean;
};

export type PreferencesNotice = "saved" | "paused" | "resumed";

const NOTICES: Record<PreferencesNotice, string> = {
  saved: "Your preferences are saved.",
  paused: "Your break has started. We won't send you any newsletter email until it ends.",
  resumed: "Welcome back. Your emails will start again, carrying on where they stopped.",
};

/** The countries with their own crisis line; anything else shows the US line and "your local number". */
const COUNTRIES: [code: string, label: string][] = [
  ["US", "United States"],
  ["CA", "Canada"],
  ["GB", "United Kingdom"],
  ["IE", "Ireland"],
];

/** "16 December 2026": the day a break ends where the reader lives. */
export function breakEndDate(until: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(until);
}

/** The fields on this page; an error about anything else links to the page's main content. */
const FIELDS: readonly string[] = ["topics", "firstName", "country", "weeks", "welcomeBack"];

function preferencesErrorSummary(errors: FieldErrors): Html | string {
  return errorSummary(
    "Nothing was changed. Please check the form",
    Object.entries(errors).map(
      ([f, m]) => html`<li><a href="#${FIELDS.includes(f) ? fieldId(f) : "main"}">${m[0] ?? ""}</a></li>`,
    ),
  );
}

function countryOptions(current: string | null): Html {
  const known = COUNTRIES.some(([code]) => code === current);
  return html`<option value=""${current === null ? html` selected` : ""}>Somewhere else / prefer not to say</option>
    ${COUNTRIES.map(([code, label]) => html`<option value="${code}"${current === code ? html` selected` : ""}>${label}</option>`)}
    ${current && !known ? html`<option value="${current}" selected>Keep ${current}</option>` : ""}`;
}

function topicsForm(view: PreferencesView, errors: FieldErrors): Html {
  return html`<form method="post" action="/preferences">
  <input type="hidden" name="token" value="${view.token}">
  <fieldset id="topics"${describedBy(errors, "topics")}>
    <legend>What would you like from us?</legend>
    ${errorFor(errors, "topics")}
    ${view.topics.map(
      (t) => html`<div class="check">
      <input id="topic-${t.id}" name="topics" type="checkbox" value="${t.id}"${view.choices[t.id] ? html` checked` : ""} aria-describedby="topic-${t.id}-hint">
      <div>
        <label for="topic-${t.id}">${t.name}</label>
        <p class="hint" id="topic-${t.id}-hint">${t.description}${t.series ? " Leaving it stops the remaining lessons." : ""}</p>
      </div>
    </div>`,
    )}
  </fieldset>

  <label for="first-name">First name (optional)</label>
  <p class="hint" id="first-name-hint">We use it only to greet you. Leave it empty and we'll say "Hello".</p>
  ${errorFor(errors, "firstName")}
  <input id="first-name" name="firstName" type="text" autocomplete="given-name" maxlength="50" value="${view.firstName ?? ""}"${describedBy(errors, "firstName", "first-name-hint")}>

  <label for="country">Where do you live?</label>
  <p class="hint" id="country-hint">This picks the crisis line we show you in every email and on this page.</p>
  ${errorFor(errors, "country")}
  <select id="country" name="country"${describedBy(errors, "country", "country-hint")}>
    ${countryOptions(view.country)}
  </select>

  <button type="submit">Save my preferences</button>
</form>`;
}

/** The break form; also offered on the unsubscribe page, as the alternative to leaving. */
export function breakForm(
  token: string,
  errors: FieldErrors = {},
  options: { buttons?: boolean } = {},
): Html {
  const welcomeBack = html`<div class="check">
    <input id="welcome-back" name="welcomeBack" type="checkbox" value="yes">
    <div><label for="welcome-back">Send me a short note when my break ends</label></div>
  </div>`;
  if (options.buttons) {
    // One button per length: one press starts the break.
    return html`<form method="post" action="/preferences/pause" class="break-buttons">
  <input type="hidden" name="token" value="${token}">
  ${welcomeBack}
  ${PAUSE_WEEKS.map((w) => html`<button type="submit" name="weeks" value="${w}" class="secondary">Pause for ${w} weeks</button> `)}
</form>`;
  }
  return html`<form method="post" action="/preferences/pause">
  <input type="hidden" name="token" value="${token}">
  <fieldset id="weeks"${describedBy(errors, "weeks")}>
    <legend>How long a break?</legend>
    ${errorFor(errors, "weeks")}
    ${PAUSE_WEEKS.map(
      (w, i) => html`<div class="check">
      <input id="weeks-${w}" name="weeks" type="radio" value="${w}"${i === 0 ? html` checked` : ""}>
      <div><label for="weeks-${w}">${w} weeks</label></div>
    </div>`,
    )}
  </fieldset>
  ${welcomeBack}
  <button type="submit">Start my break</button>
</form>`;
}

export function preferencesPage(
  { postalAddress }: Common,
  view: PreferencesView,
  options: { notice?: PreferencesNotice | undefined; errors?: FieldErrors } = {},
): Html {
  const errors = options.errors ?? {};
  const notice = options.notice ? NOTICES[options.notice] : undefined;
  const paused = view.pausedUntil;
  return page({
    title: `${Object.keys(errors).length > 0 ? "Error: " : ""}Your email preferences`,
    postalAddress,
    country: view.country,
    body: html`<h1>Your email preferences</h1>
${preferencesErrorSummary(errors)}
${notice ? html`<div class="status" role="status"><p>${notice}</p></div>` : ""}
${
  paused
    ? html`<section class="notice" aria-labelledby="on-break">
  <h2 id="on-break">You're taking a break</h2>
  <p>We won't send you any newsletter email until ${breakEndDate(paused, view.timeZone)}${view.welcomeBack ? ", and then a short note to say hello" : ""}. The lessons carry on where they stopped.</p>
  <form method="post" action="/preferences/resume">
    <input type="hidden" name="token" value="${view.token}">
    <button type="submit">End my break now</button>
  </form>
</section>`
    : ""
}
${topicsForm(view, errors)}

<h2>${paused ? "Change your break" : "Take a break"}</h2>
<p>Need some space? Pause everything for a while instead of leaving. When the break ends, your emails carry on
where they stopped.${paused ? " Choosing again starts a new break from today." : ""}</p>
${breakForm(view.token, errors)}

<h2>Unsubscribe from everything</h2>
<p>Stop all newsletter emails from Hopemark Health. You can subscribe again at any time.</p>
<form method="post" action="/unsubscribe">
  <input type="hidden" name="token" value="${view.token}">
  <button type="submit" class="secondary">Unsubscribe from all emails</button>
</form>`,
  });
}

/** A link that cannot be read: nothing was changed. */
export function preferencesLinkProblemPage({ postalAddress }: Common): Html {
  return page({
    title: "This link doesn't work",
    postalAddress,
    body: html`<h1>This link doesn't work</h1>
<p>The link is incomplete or has been changed, so nothing was changed. Please use the "Manage preferences" link
at the bottom of the most recent email from us, copied in full; it works without signing in. You can also reply
to any of our emails and tell us what you would like.</p>`,
  });
}

/** Unsubscribed, bounced, unconfirmed or erased: there are no preferences to manage. */
export function notSubscribedPage({ appUrl, postalAddress }: Common, country?: string | null): Html {
  return page({
    title: "You're not subscribed",
    postalAddress,
    country,
    body: html`<h1>You're not subscribed at the moment</h1>
<p>This address does not receive the Hopemark Health newsletter now, so there is nothing to change. If you would
like the newsletter again, you can <a href="${appUrl}/">subscribe again</a>.</p>`,
  });
}

/** Another site posted the form (a leaked link): nothing changed; the reader's own page is one click away. */
export function crossSitePage({ postalAddress }: Common, token: string): Html {
  return page({
    title: "Please use your preferences page",
    postalAddress,
    body: html`<h1>Nothing was changed</h1>
<p>This request did not come from your preferences page, so we did not act on it.</p>
<p><a href="/preferences?token=${token}">Open your preferences page</a> to make changes.</p>`,
  });
}

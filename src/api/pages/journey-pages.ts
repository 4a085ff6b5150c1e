// The small pages of the journey. None of them says whether an address is on the list; the ones reached from an
// email link act only on a button press (a POST), so mail scanners that prefetch links change nothing.
import { html } from "hono/html";
import { type Html, page } from "./layout.ts";
import { breakForm } from "./preferences-page.ts";
import { signupForm } from "./signup.ts";
import { waitingEventsNotice } from "./waiting-events.ts";

type Common = { appUrl: string; postalAddress: string };

export function checkInboxPage({ appUrl, postalAddress }: Common, waitingEvents = 0): Html {
  return page({
    title: "Check your inbox",
    postalAddress,
    body: html`<h1>Check your inbox</h1>
${waitingEventsNotice(waitingEvents, appUrl)}
<p>If that address can receive our emails, a message with a confirmation link is on its way. Open it and press
the button to confirm. Until you do, we will not send you anything else.</p>
<p>The link works for 7 days. Nothing there after a few minutes? Check your spam or promotions folder. You can
also sign up again to get a new link (at most one every 10 minutes).</p>`,
  });
}

/** One button: confirming is a POST, so following the link alone confirms nobody. */
export function confirmPage({ postalAddress }: Common, token: string, country?: string | null): Html {
  return page({
    title: "Confirm your subscription",
    postalAddress,
    country,
    body: html`<h1>Confirm your subscription</h1>
<p>Press the button to start receiving the Hopemark Health newsletter.</p>
<form method="post" action="/confirm">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">Confirm my subscription</button>
</form>
<p class="hint">Didn't sign up? Close this page; you will not be subscribed.</p>`,
  });
}

export function confirmedPage({ postalAddress }: Common, already: boolean, country?: string | null): Html {
  return page({
    title: already ? "Already confirmed" : "You're subscribed",
    postalAddress,
    country,
    body: already
      ? html`<h1>You're already subscribed</h1>
<p>Your subscription was confirmed earlier; there is nothing more to do.</p>`
      : html`<h1>You're subscribed</h1>
<p>Thank you. A welcome email is on its way, and the first lesson follows soon after. Every newsletter
email has an unsubscribe link at the bottom if you change your mind.</p>`,
  });
}

export type LinkProblem = "invalid" | "expired" | "gone";

const LINK_PROBLEM_TEXT: Record<LinkProblem, { title: string; text: string }> = {
  invalid: {
    title: "This link doesn't work",
    text: "The link is incomplete or has been changed. Copy the whole link from the email, or ask for a new one below.",
  },
  expired: {
    title: "This link has expired",
    text: "Confirmation links work for 7 days. Enter your email address below and we'll send you a new one.",
  },
  gone: {
    title: "This link is no longer active",
    text: "It can't confirm a subscription any more. If you'd like to subscribe, enter your email address below.",
  },
};

/** Bad, expired or stale confirm link: say so plainly and offer the form to get a new link. */
export function confirmLinkProblemPage({ appUrl, postalAddress }: Common, problem: LinkProblem): Html {
  const { title, text } = LINK_PROBLEM_TEXT[problem];
  return page({
    title,
    postalAddress,
    body: html`<h1>${title}</h1>
<p>${text}</p>
<h2>Get a new confirmation link</h2>
${signupForm({ action: `${appUrl}/api/subscribe`, page: `${appUrl}/confirm` })}`,
  });
}

/**
 * One button, no login (safety rule 12): leaving is as easy as joining. A subscribed reader is also offered a
 * break, one button per length, below it: never in the way of leaving.
 */
export function unsubscribePage(
  { postalAddress }: Common,
  token: string,
  country?: string | null,
  options: { offerBreak?: boolean } = {},
): Html {
  return page({
    country,
    title: "Unsubscribe",
    postalAddress,
    body: html`<h1>Unsubscribe from the Hopemark Health newsletter</h1>
<p>Press the button and we will stop sending you newsletter emails straight away.</p>
<form method="post" action="/unsubscribe">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">Unsubscribe</button>
</form>
${
  options.offerBreak
    ? html`<h2>Or take a break instead</h2>
<p>Pause every email for a while. When the break ends, everything carries on where it stopped. You can also
<a href="/preferences?token=${token}">choose which emails you get</a>.</p>
${breakForm(token, {}, { buttons: true })}`
    : ""
}`,
  });
}

export function unsubscribedPage(
  { appUrl, postalAddress }: Common,
  already: boolean,
  country?: string | null,
): Html {
  return page({
    title: "You're unsubscribed",
    postalAddress,
    country,
    body: html`<h1>You're unsubscribed</h1>
<p>${already ? "This address was already unsubscribed from the Hopemark Health newsletter." : "We have stopped sending you the Hopemark Health newsletter."}
If you would like the newsletter again one day, you can <a href="${appUrl}/">subscribe again</a>.</p>
<p>Support is still there if you need it: the crisis line at the top of this page is open at any time.</p>`,
  });
}

export function unsubscribeLinkProblemPage({ postalAddress }: Common): Html {
  return page({
    title: "This unsubscribe link doesn't work",
    postalAddress,
    body: html`<h1>This unsubscribe link doesn't work</h1>
<p>The link is incomplete or has been changed. Please use the unsubscribe link at the bottom of the most recent
email from us, copied in full; it works without signing in. You can also reply to any of our emails and ask us
to remove you.</p>`,
  });
}

/** The database was busy (locked by other work) past its timeout; nothing was saved. */
export function busyPage({ postalAddress }: Common, retryAfterSeconds: number): Html {
  return page({
    title: "Please try again in a moment",
    postalAddress,
    body: html`<h1>Please try again in a moment</h1>
<p>We could not save that just now because our system is busy. Nothing was saved. Please go back and send the
form again in about ${retryAfterSeconds} seconds.</p>`,
  });
}

export function rateLimitedPage({ postalAddress }: Common, retryAfterSeconds: number): Html {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page({
    title: "Too many attempts",
    postalAddress,
    body: html`<h1>Too many attempts</h1>
<p>We received a lot of requests from your network. Please try again in ${minutes}
${minutes === 1 ? "minute" : "minutes"}.</p>`,
  });
}

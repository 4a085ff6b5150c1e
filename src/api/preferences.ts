// The preferences page and its forms. The link is the unsubscribe token (see unsubscribeUrls in lib/tokens.ts):
// it never expires and needs no login. Reading the page changes nothing (mail scanners fetch links); every
// change is a POST from our own page, refused when another site sends it. Bad input gets the page again with
// field messages (422) and changes nothing; a broken token gets a plain page (400).
//   GET  /preferences?token        the page (?done=saved|paused|resumed shows what just happened)
//   POST /preferences              topics, first name, country
//   POST /preferences/pause        a break of 2, 4 or 12 weeks (also the unsubscribe page's alternative)
//   POST /preferences/resume       end the break now
// "Unsubscribe from everything" posts to POST /unsubscribe, the unsubscribe page's own route.
import { type Context, Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { verifyToken } from "../lib/tokens.ts";
import { FORMS } from "../subscribers/consent.ts";
import { isPaused, pauseSubscriber, resumeSubscriber } from "../subscribers/pause.ts";
import { detailsFormSchema, pauseFormSchema, updateDetails } from "../subscribers/preferences.ts";
import { findSubscriberById, type Subscriber } from "../subscribers/store.ts";
import { effectiveTimeZone } from "../subscribers/time-zone.ts";
import { setTopics, topicChoices } from "../subscribers/topics.ts";
import { isCrossSite } from "./confirm.ts";
import { type FieldErrors, fieldErrors } from "./errors.ts";
import {
  crossSitePage,
  notSubscribedPage,
  type PreferencesNotice,
  preferencesLinkProblemPage,
  preferencesPage,
} from "./pages/preferences-page.ts";
import { recordedIp } from "./rate-limit.ts";
import { bodyKind } from "./subscribe.ts";

const NOTICES = new Set<PreferencesNotice>(["saved", "paused", "resumed"]);

type Form = Record<string, string | File | (string | File)[]>;

export function preferencesRoutes(deps: AppDeps) {
  const common = { appUrl: deps.config.appUrl, postalAddress: deps.config.mail.postalAddress };
  const { topics } = deps.content;

  async function view(subscriber: Subscriber, token: string) {
    const choices = await topicChoices(deps.db, topics, subscriber.id);
    const paused = isPaused(subscriber, deps.now());
    return {
      token,
      topics: topics.list,
      choices,
      firstName: subscriber.firstName,
      country: subscriber.country,
      pausedUntil: paused ? subscriber.pausedUntil : null,
      timeZone: effectiveTimeZone(subscriber, deps.config.brandTimeZone).timeZone,
      welcomeBack: paused && subscriber.pauseWelcomeBack,
    };
  }

  /**
   * What every POST checks first: a form body, a valid token, our own page, an active subscriber. Answers the
   * refusal page itself, or the subscriber, the token and the form's fields.
   */
  async function accept(
    c: Context,
  ): Promise<Response | { subscriber: Subscriber; token: string; form: Form }> {
    c.header("Cache-Control", "no-store");
    if (bodyKind(c) !== "form") return c.html(preferencesLinkProblemPage(common), 415);
    let form: Form;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      return c.html(preferencesLinkProblemPage(common), 400);
    }
    const token = typeof form.token === "string" ? form.token : undefined;
    const result = await verifyToken(deps.config.tokenSecret, "unsubscribe", token, deps.now());
    if (!result.ok || token === undefined) return c.html(preferencesLinkProblemPage(common), 400);
    if (isCrossSite(c, deps.config.appUrl)) {
      deps.logger.info("preferences refused: cross-site post");
      return c.html(crossSitePage(common, token), 403);
    }
    const subscriber = await findSubscriberById(deps.db, result.subscriberId);
    if (subscriber?.status !== "active") return c.html(notSubscribedPage(common, subscriber?.country), 409);
    return { subscriber, token, form };
  }

  const done = (c: Context, token: string, notice: PreferencesNotice) =>
    c.redirect(`/preferences?token=${encodeURIComponent(token)}&done=${notice}`, 303);

  async function invalid(c: Context, subscriber: Subscriber, token: string, errors: FieldErrors) {
    // "topics.1" (the second ticked box) belongs to the topics fieldset.
    const byField: FieldErrors = {};
    for (const [key, messages] of Object.entries(errors)) {
      const field = key.split(".")[0] ?? key;
      byField[field] = [...(byField[field] ?? []), ...messages];
    }
    return c.html(preferencesPage(common, await view(subscriber, token), { errors: byField }), 422);
  }

  const context = (c: Context) => ({
    ip: recordedIp(c, deps.config),
    userAgent: c.req.header("user-agent"),
    form: FORMS.preferencesPage,
    page: `${deps.config.appUrl}/preferences`,
  });

  return new Hono()
    .get("/preferences", async (c) => {
      c.header("Cache-Control", "no-store");
      const token = c.req.query("token");
      const result = await verifyToken(deps.config.tokenSecret, "unsubscribe", token, deps.now());
      if (!result.ok || token === undefined) return c.html(preferencesLinkProblemPage(common), 400);
      const subscriber = await findSubscriberById(deps.db, result.subscriberId);
      if (subscriber?.status !== "active") return c.html(notSubscribedPage(common, subscriber?.country));
      const asked = c.req.query("done") as PreferencesNotice | undefined;
      const notice = asked && NOTICES.has(asked) ? asked : undefined;
      return c.html(preferencesPage(common, await view(subscriber, token), { notice }));
    })
    .post("/preferences", async (c) => {
      const accepted = await accept(c);
      if (accepted instanceof Response) return accepted;
      const { subscriber, token, form } = accepted;
      const parsed = detailsFormSchema(topics).safeParse(form);
      if (!parsed.success) return invalid(c, subscriber, token, fieldErrors(parsed.error));
      // Topics first: they write consent records; the details are a plain update of the row.
      const changes = await setTopics(deps, subscriber.id, parsed.data.topics, context(c));
      await updateDetails(deps, subscriber.id, parsed.data);
      deps.logger.info("preferences saved", { topicChanges: changes.length });
      return done(c, token, "saved");
    })
    .post("/preferences/pause", async (c) => {
      const accepted = await accept(c);
      if (accepted instanceof Response) return accepted;
      const { subscriber, token, form } = accepted;
      const parsed = pauseFormSchema.safeParse(form);
      if (!parsed.success) return invalid(c, subscriber, token, fieldErrors(parsed.error));
      const outcome = await pauseSubscriber(deps, subscriber.id, parsed.data);
      if (outcome.outcome !== "paused") return c.html(notSubscribedPage(common, subscriber.country), 409);
      deps.logger.info("break started", { weeks: parsed.data.weeks, welcomeBack: parsed.data.welcomeBack });
      return done(c, token, "paused");
    })
    .post("/preferences/resume", async (c) => {
      const accepted = await accept(c);
      if (accepted instanceof Response) return accepted;
      const outcome = await resumeSubscriber(deps, accepted.subscriber.id);
      deps.logger.info("break ended early", { outcome });
      return done(c, accepted.token, outcome === "resumed" ? "resumed" : "saved");
    });
}

// One person as the console shows them: profile and status, whether the address is suppressed, the consent
// history, every email we sent them with its delivery state, and tags. Read-only; the actions are the existing
// domain functions (unsubscribe.ts, tags.ts, privacy/export.ts, privacy/erasure.ts).
import { asc, desc, eq } from "drizzle-orm";
import { type ConsentAction, campaigns, consents, type SendEvent, sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { subscriberView } from "./list.ts";
import { findSubscriberById, type Subscriber, suppressionReason } from "./store.ts";
import { effectiveTimeZone } from "./time-zone.ts";
import { topicChoices, topicsOn } from "./topics.ts";

type Deps = Pick<AppDeps, "db" | "content" | "now" | "config">;

export type PersonConsent = {
  action: ConsentAction;
  /** The topic a "topic-given"/"topic-withdrawn" record is about. */
  topicId: string | null;
  at: string;
  form: string;
  page: string | null;
  reportedSource: string | null;
  ip: string | null;
  userAgent: string | null;
  wordingVersion: string | null;
  privacyVersion: string | null;
};

export type PersonSend = {
  id: string;
  kind: "transactional" | "lesson" | "campaign" | "test";
  /** What the email was, for a person reading the page: a lesson's subject, a campaign's name, a template id. */
  label: string;
  templateId: string;
  campaignId: string | null;
  lessonId: string | null;
  status: string;
  events: SendEvent[];
  error: string | null;
  sentAt: string;
  updatedAt: string;
};

export type PersonView = ReturnType<typeof subscriberView> & {
  softBounces: number;
  /** Why the address may not be mailed (bounced, complained, erased, ...), or null. */
  suppression: string | null;
  consents: PersonConsent[];
  /** Newest first. */
  sends: PersonSend[];
  /** What the person chose about what and when they receive (see preferenceFacts). */
  preferences: { label: string; value: string }[];
};

const ZONE_SOURCES = {
  subscriber: "given by their browser or the signup",
  country: "not given; the default for their country",
  brand: "not given; the brand's default (BRAND_TIME_ZONE)",
} as const;

/**
 * What the person chose about what and when they receive (issue 14), one labelled fact each: their topics (by
 * name), a break still running, and the time zone lessons are timed in. A new preference adds a line here.
 */
export function preferenceFacts(
  deps: Pick<Deps, "content" | "config">,
  subscriber: Subscriber,
  view: { topics: string[]; pausedUntil: string | null; welcomeBackNote: boolean },
): { label: string; value: string }[] {
  const names = view.topics.map((id) => deps.content.topics.list.find((t) => t.id === id)?.name ?? id);
  const zone = effectiveTimeZone(subscriber, deps.config.brandTimeZone);
  const until = view.pausedUntil ? `${view.pausedUntil.slice(0, 16).replace("T", " ")} UTC` : null;
  return [
    { label: "Topics", value: names.length > 0 ? names.join(", ") : "none (receives no newsletter email)" },
    {
      label: "Break",
      value: until ? `until ${until}${view.welcomeBackNote ? ", with a welcome-back note" : ""}` : "none",
    },
    { label: "Time zone", value: `${zone.timeZone} (${ZONE_SOURCES[zone.source]})` },
  ];
}

const TRANSACTIONAL_LABELS: Record<string, string> = {
  "confirm-subscription": "Confirmation request",
  welcome: "Welcome email",
  unsubscribed: "Unsubscribe confirmation",
  "crisis-reply": "Reply with crisis lines",
};

export async function personView(
  deps: Deps,
  subscriberId: string,
): Promise<Result<{ person: PersonView }, Failure<"not_found">>> {
  const subscriber = await findSubscriberById(deps.db, subscriberId);
  if (!subscriber)
    return fail("not_found", "No subscriber with this id (an erased person leaves no profile).");
  const [suppression, consentRows, sendRows] = await Promise.all([
    suppressionReason(deps.db, subscriber.emailHash),
    deps.db
      .select()
      .from(consents)
      .where(eq(consents.subscriberId, subscriberId))
      .orderBy(asc(consents.at), asc(consents.id)),
    deps.db
      .select({ send: sends, campaignName: campaigns.name })
      .from(sends)
      .leftJoin(campaigns, eq(campaigns.id, sends.campaignId))
      .where(eq(sends.subscriberId, subscriberId))
      .orderBy(desc(sends.createdAt), desc(sends.id)),
  ]);
  const view = subscriberView(
    subscriber,
    topicsOn(await topicChoices(deps.db, deps.content.topics, subscriber.id)),
    deps.now(),
  );
  return {
    ok: true,
    person: {
      ...view,
      softBounces: subscriber.softBounces,
      preferences: preferenceFacts(deps, subscriber, view),
      suppression: suppression ?? null,
      consents: consentRows.map((c) => ({
        action: c.action,
        topicId: c.topicId,
        at: c.at.toISOString(),
        form: c.form,
        page: c.page,
        reportedSource: c.reportedSource,
        ip: c.ip,
        userAgent: c.userAgent,
        wordingVersion: c.wordingVersion,
        privacyVersion: c.privacyVersion,
      })),
      sends: sendRows.map(({ send, campaignName }) => {
        const lessonId = lessonIdOf(deps, subscriberId, send.kind, send.idempotencyKey);
        return {
          id: send.id,
          kind: send.kind,
          label: labelOf(deps, send.kind, send.templateId, lessonId, campaignName),
          templateId: send.templateId,
          campaignId: send.campaignId,
          lessonId,
          status: send.status,
          events: send.events,
          error: send.error,
          sentAt: send.createdAt.toISOString(),
          updatedAt: send.updatedAt.toISOString(),
        };
      }),
    },
  };
}

/** Lesson sends are keyed `<subscriberId>:<lessonId>` (drip-series); the welcome email shares the kind. */
function lessonIdOf(deps: Deps, subscriberId: string, kind: string, key: string): string | null {
  if (kind !== "lesson" || !key.startsWith(`${subscriberId}:`)) return null;
  const id = key.slice(subscriberId.length + 1);
  return deps.content.lessons.some((l) => l.id === id) ? id : null;
}

function labelOf(
  deps: Deps,
  kind: string,
  templateId: string,
  lessonId: string | null,
  campaignName: string | null,
): string {
  if (lessonId) {
    // The subject is what the person saw in their inbox (it already says which lesson it is).
    return deps.content.lessons.find((l) => l.id === lessonId)?.subject ?? lessonId;
  }
  if (kind === "campaign") return campaignName ? `Campaign: ${campaignName}` : "Campaign";
  return TRANSACTIONAL_LABELS[templateId] ?? templateId;
}

// One schema for SQLite (Node) and D1 (Workers). Times are stored as integer milliseconds since the epoch (UTC).
// Deliberately absent: any diagnosis, treatment or medication field. Being on this list is itself health-related
// data, so personalisation stops at first name (safety rule 15).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const SUBSCRIBER_STATUSES = ["pending", "active", "unsubscribed", "bounced", "complained"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** "topic-given" / "topic-withdrawn": a reader turned one topic on or off (consents.topic_id says which). */
export const CONSENT_ACTIONS = ["given", "confirmed", "withdrawn", "topic-given", "topic-withdrawn"] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const SEND_KINDS = ["transactional", "lesson", "campaign", "test"] as const;
export const SEND_STATUSES = [
  "queued",
  "sent",
  "delivered",
  "delivery_delayed",
  "bounced",
  "complained",
  "failed",
  "suppressed",
] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

export const SUPPRESSION_REASONS = [
  "bounced",
  "complained",
  "provider_suppressed",
  "erased",
  "manual",
] as const;

export const CAMPAIGN_STATUSES = [
  "draft",
  "scheduled",
  "sending",
  "paused",
  "sent",
  "cancelled",
  "failed",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * Clinical review, beside the campaign's status (a campaign under review is still a draft): "none" (never
 * submitted, or its approval was voided by an edit), "in_review", "approved" (of the content whose hash is
 * approved_hash), "returned" (sent back with a comment). Only an approved draft can be sent or scheduled.
 */
export const REVIEW_STATES = ["none", "in_review", "approved", "returned"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_ACTIONS = ["submitted", "approved", "returned", "voided"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * A default zone for each country the crisis lines cover (src/emails/components/crisis-lines.ts), for people
 * whose browser gave none. Countries with several zones get a guess, the zone most of the population lives in:
 * US → New York (Eastern holds about half the US population; a reader in California then gets lessons between
 * 05:00 and 17:00 Pacific, still never at night) and Canada → Toronto. Kept here because the index below is
 * built on it: changing it needs a migration that rebuilds subscribers_status_zone_id.
 */
export const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  US: "America/New_York",
  CA: "America/Toronto",
  GB: "Europe/London",
  UK: "Europe/London",
  IE: "Europe/Dublin",
};

/**
 * A subscriber's zone as far as the row says it: their own, else their country's default; NULL means the
 * brand's (BRAND_TIME_ZONE, config, so not in the index). Literal SQL, identical in the index and in queries,
 * so SQLite can answer "everyone in zone Z, in id order" from the index (src/campaigns/audience.ts).
 */
export const ZONE_KEY_SQL = `coalesce("time_zone", case upper("country") ${Object.entries(COUNTRY_TIME_ZONES)
  .map(([country, zone]) => `when '${country}' then '${zone}'`)
  .join(" ")} end)`;

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
/** A moment as integer milliseconds since the epoch; null unless the column says otherwise. */
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () => timestamp("created_at").notNull().default(now);
const updatedAt = () => timestamp("updated_at").notNull().default(now);
/** A row that belongs to one subscriber and goes when their profile is deleted. */
const subscriberOwner = () =>
  text("subscriber_id")
    .notNull()
    .references(() => subscribers.id, { onDelete: "cascade" });
/** A row about a subscriber that outlives their profile (statistics, triage): the link is nulled on erasure. */
const subscriberLink = () => text("subscriber_id").references(() => subscribers.id, { onDelete: "set null" });
/** A row that belongs to one console account and goes with it. */
const accountOwner = () =>
  text("account_id")
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" });

export const subscribers = sqliteTable(
  "subscribers",
  {
    id: text("id").primaryKey(),
    /** Normalised: trimmed, domain lower-cased. */
    email: text("email").notNull(),
    /** sha256 of the normalised, fully lower-cased address; matches suppressions.email_hash. */
    emailHash: text("email_hash").notNull(),
    firstName: text("first_name"),
    status: text("status", { enum: SUBSCRIBER_STATUSES }).notNull().default("pending"),
    locale: text("locale").notNull().default("en"),
    /** ISO 3166-1 alpha-2, upper case; picks the crisis line in the footer. */
    country: text("country"),
    /**
     * IANA zone the person's browser or the API gave; null when unknown, and then the country's default or the
     * brand's applies (src/subscribers/time-zone.ts), so a later country change or brand setting still counts.
     */
    timeZone: text("time_zone"),
    /** Where the signup came from: "hosted-form", "embed", "webhook:tally", "import", ... */
    source: text("source").notNull(),
    /** Topics/segments, never health details. */
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    softBounces: integer("soft_bounces").notNull().default(0),
    createdAt: createdAt(),
    confirmationSentAt: timestamp("confirmation_sent_at"),
    confirmedAt: timestamp("confirmed_at"),
    unsubscribedAt: timestamp("unsubscribed_at"),
    /** A break the reader took: no marketing email before this moment (src/subscribers/pause.ts). */
    pausedUntil: timestamp("paused_until"),
    /** The reader ticked "send me a short note when my break ends". */
    pauseWelcomeBack: integer("pause_welcome_back", { mode: "boolean" }).notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("subscribers_email_unique").on(t.email),
    uniqueIndex("subscribers_email_hash_unique").on(t.emailHash),
    index("subscribers_status_id").on(t.status, t.id),
    index("subscribers_status_zone_id").on(t.status, sql.raw(ZONE_KEY_SQL), t.id),
  ],
);

export const consents = sqliteTable(
  "consents",
  {
    id: text("id").primaryKey(),
    subscriberId: subscriberOwner(),
    action: text("action", { enum: CONSENT_ACTIONS }).notNull(),
    at: timestamp("at").notNull().default(now),
    /**
     * Which way in or out, decided by the route that received the request, never by the client: "hosted-form",
     * "embed" (a form post from another origin), "api", "webhook:<service>", "import:<source>", "one-click", ...
     */
    form: text("form").notNull(),
    /** Page URL the form was on (no query string), as the browser or form service reported it. */
    page: text("page"),
    /** The `source` label the client sent, kept as reported; it does not say how the request arrived. */
    reportedSource: text("reported_source"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    wordingVersion: text("wording_version"),
    privacyVersion: text("privacy_version"),
    /** The topic of a "topic-given"/"topic-withdrawn" record (templates/topics.yaml id). */
    topicId: text("topic_id"),
  },
  (t) => [index("consents_subscriber").on(t.subscriberId)],
);

export type SendEvent = { type: string; at: number; detail?: string };

export const sends = sqliteTable(
  "sends",
  {
    id: text("id").primaryKey(),
    /** `${subscriberId}:${lessonId}`, `${campaignId}:${subscriberId}`, ...; also the provider idempotency key. */
    idempotencyKey: text("idempotency_key").notNull(),
    kind: text("kind", { enum: SEND_KINDS }).notNull(),
    templateId: text("template_id").notNull(),
    campaignId: text("campaign_id"),
    /** Nulled on erasure. */
    subscriberId: subscriberLink(),
    providerMessageId: text("provider_message_id"),
    status: text("status", { enum: SEND_STATUSES }).notNull().default("queued"),
    events: text("events", { mode: "json" }).$type<SendEvent[]>().notNull().default(sql`'[]'`),
    error: text("error"),
    openedAt: timestamp("opened_at"),
    clickedAt: timestamp("clicked_at"),
    /** The recipient left through this email's unsubscribe link (campaign sends; counted in its report). */
    unsubscribedAt: timestamp("unsubscribed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sends_idempotency_key_unique").on(t.idempotencyKey),
    index("sends_provider_message_id").on(t.providerMessageId),
    index("sends_subscriber").on(t.subscriberId),
    index("sends_campaign_subscriber").on(t.campaignId, t.subscriberId),
    // The progress bar's send rate over the last minutes: a range scan, not every row of a large campaign.
    index("sends_campaign_created").on(t.campaignId, t.createdAt),
  ],
);

export const suppressions = sqliteTable("suppressions", {
  /** sha256 of the lower-cased address: survives erasure without keeping the address. */
  emailHash: text("email_hash").primaryKey(),
  reason: text("reason", { enum: SUPPRESSION_REASONS }).notNull(),
  createdAt: createdAt(),
});

/** Messages captured by the local outbox transport (development and tests). */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    idempotencyKey: text("idempotency_key").notNull(),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    tags: text("tags", { mode: "json" }).$type<{ name: string; value: string }[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("outbox_idempotency_key_unique").on(t.idempotencyKey)],
);

export type CampaignAudience = {
  /** templates/topics.yaml ids; none means the campaignDefault topic. */
  topics?: string[];
  tags?: string[];
  locales?: string[];
  countries?: string[];
};

export const campaigns = sqliteTable("campaigns", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Set when created from templates/campaigns/<id>.md; null for inline content. */
  templateId: text("template_id"),
  subject: text("subject").notNull(),
  preheader: text("preheader").notNull().default(""),
  bodyMarkdown: text("body_markdown").notNull(),
  authorId: text("author_id").notNull(),
  sources: text("sources", { mode: "json" })
    .$type<{ claim: string; citation: string }[]>()
    .notNull()
    .default(sql`'[]'`),
  audience: text("audience", { mode: "json" }).$type<CampaignAudience>().notNull().default(sql`'{}'`),
  status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
  statusReason: text("status_reason"),
  lintWarnings: text("lint_warnings", { mode: "json" }).$type<unknown[]>().notNull().default(sql`'[]'`),
  scheduledAt: timestamp("scheduled_at"),
  /** "09:00": send each reader's group at this local time in their zone (src/campaigns/local-time.ts). */
  localSendTime: text("local_send_time"),
  /** "2026-12-05": the local date for localSendTime; null means the next such time in each zone. */
  localSendDate: text("local_send_date"),
  startedAt: timestamp("started_at"),
  finishedAt: timestamp("finished_at"),
  audienceCount: integer("audience_count").notNull().default(0),
  sentCount: integer("sent_count").notNull().default(0),
  skippedCount: integer("skipped_count").notNull().default(0),
  failedCount: integer("failed_count").notNull().default(0),
  deliveredCount: integer("delivered_count").notNull().default(0),
  complainedCount: integer("complained_count").notNull().default(0),
  /** accounts.id of who wrote it in the console, and of who last changed its content; null for the admin API. */
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
  reviewState: text("review_state", { enum: REVIEW_STATES }).notNull().default("none"),
  /** The current submission: accounts.id (null for the admin API token) and when. */
  submittedBy: text("submitted_by"),
  submittedAt: timestamp("submitted_at"),
  /**
   * The approval as the email shows it ("Reviewed by NAME, TITLE, on DATE"): the reviewer's name and title are
   * copied at approval, so a later rename does not change what was approved. approvedHash is the content hash
   * (content-hash.ts) of what the reviewer approved; sending checks it against the content now.
   */
  approvedBy: text("approved_by"),
  approvedName: text("approved_name"),
  approvedTitle: text("approved_title"),
  approvedAt: timestamp("approved_at"),
  approvedHash: text("approved_hash"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Every step of a campaign's clinical review, oldest first: who, how (console or admin API), what, when. */
export const campaignReviews = sqliteTable(
  "campaign_reviews",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    action: text("action", { enum: REVIEW_ACTIONS }).notNull(),
    /** accounts.id of the person (the reviewer an API call named); null when the API token submitted. */
    accountId: text("account_id"),
    /** The person's name then (or "Admin API"), so the history reads the same after a rename or removal. */
    actorName: text("actor_name").notNull(),
    via: text("via", { enum: ["console", "api"] }).notNull(),
    /** The reviewer's comment when sending it back; why an approval was voided. */
    comment: text("comment"),
    contentHash: text("content_hash").notNull(),
    at: timestamp("at").notNull(),
  },
  (t) => [index("campaign_reviews_campaign").on(t.campaignId, t.at)],
);

/**
 * Transactional outbox for Inngest events: a row is written in the same batch as the state change that causes
 * it, so an event bus outage loses nothing. The reconciler re-sends rows whose sent_at is null, with the same id
 * (Inngest de-duplicates events by id).
 */
export const pendingEvents = sqliteTable(
  "pending_events",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Optional `ts` for delayed events (ms). */
    ts: integer("ts"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at"),
  },
  (t) => [index("pending_events_unsent").on(t.sentAt, t.createdAt)],
);

/** Provider webhooks already processed, keyed by svix-id, so a redelivery changes nothing twice. */
export const webhookEvents = sqliteTable("webhook_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: createdAt(),
});

/** Fixed-window counters for per-IP rate limits; works the same on SQLite and D1. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

export const REPLY_CLASSES = ["crisis", "unsubscribe", "auto-reply", "other"] as const;
/** What happened to the crisis auto-reply: sent, held back by the 24-hour limit, or never for automatic mail. */
export const AUTO_REPLY_STATES = ["claimed", "sent", "rate-limited", "automatic-message"] as const;
export const REPLY_SOURCES = ["resend", "local"] as const;

/**
 * Replies from readers (health data, safety rule 22): the least needed to get each one to a person. No address:
 * the sender is a subscriber link or, for anyone else, the hash of the address (for the 24-hour auto-reply limit
 * and erasure). Subject and body are deleted after REPLY_RETENTION_DAYS; the triage record stays.
 */
export const replies = sqliteTable(
  "replies",
  {
    id: text("id").primaryKey(),
    /** Where the message lives: Resend's receiving API, or the development inbox (/dev/inbound). */
    source: text("source", { enum: REPLY_SOURCES }).notNull(),
    /** Resend's email id (or the local inbox id): one row per received message, however often it is delivered. */
    messageRef: text("message_ref").notNull(),
    subscriberId: subscriberLink(),
    /** sha256 of the lower-cased sender address, like subscribers.email_hash. */
    senderHash: text("sender_hash").notNull(),
    receivedAt: timestamp("received_at").notNull(),
    subject: text("subject"),
    body: text("body"),
    class: text("class", { enum: REPLY_CLASSES }).notNull(),
    /** The triage rule that decided the class (src/replies/rules.ts). */
    rule: text("rule").notNull(),
    /** The automatic-mail rule it matched, if any: such a message is never answered. */
    automatic: text("automatic"),
    autoReply: text("auto_reply", { enum: AUTO_REPLY_STATES }),
    autoReplyAt: timestamp("auto_reply_at"),
    alertedAt: timestamp("alerted_at"),
    forwardedAt: timestamp("forwarded_at"),
    unsubscribedAt: timestamp("unsubscribed_at"),
    handledAt: timestamp("handled_at"),
    bodyDeletedAt: timestamp("body_deleted_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("replies_source_message_unique").on(t.source, t.messageRef),
    index("replies_sender_auto_reply").on(t.senderHash, t.autoReplyAt),
    index("replies_subscriber").on(t.subscriberId),
    index("replies_queue").on(t.handledAt, t.receivedAt),
  ],
);

/** Messages pasted at /dev/inbound (development only), read by triage like Resend's receiving API. */
export const devInbox = sqliteTable("dev_inbox", {
  id: text("id").primaryKey(),
  from: text("from").notNull(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
  createdAt: createdAt(),
});

export const ACCOUNT_ROLES = ["owner", "marketer", "reviewer"] as const;

/**
 * People who sign in to the console (issue 12): staff, not subscribers. Removal is soft (removed_at) so a
 * removed reviewer's name still shows on the reviews and audit rows that point at the id.
 */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    /** Normalised like subscribers.email: trimmed, domain lower-cased. */
    email: text("email").notNull(),
    /** sha256 of the normalised, fully lower-cased address (hashEmail): one account per inbox spelling. */
    emailHash: text("email_hash").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ACCOUNT_ROLES }).notNull(),
    /**
     * A reviewer's clinical title as readers see it in "Reviewed by NAME, TITLE, on DATE" (e.g. "Medical
     * editor", "Psychiatrist, MD"); a reviewer needs one to approve.
     */
    title: text("title"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set when the account is removed: it can no longer sign in and its sessions are revoked. */
    removedAt: timestamp("removed_at"),
  },
  (t) => [uniqueIndex("accounts_email_hash_unique").on(t.emailHash)],
);

/** Single-use sign-in links. Only the SHA-256 of the token is stored, so a database copy signs nobody in. */
export const signInLinks = sqliteTable(
  "sign_in_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: accountOwner(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
  },
  (t) => [index("sign_in_links_account").on(t.accountId)],
);

/** Console sessions, server-side so they can be listed and revoked. The id is the SHA-256 of the cookie value. */
export const accountSessions = sqliteTable(
  "account_sessions",
  {
    id: text("id").primaryKey(),
    accountId: accountOwner(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("account_sessions_account").on(t.accountId)],
);

export const AUDIT_ACTOR_KINDS = ["account", "api-token"] as const;

/**
 * Who did what through the console or the admin API. Targets are ids (campaign, subscriber, account), never an
 * address; detail is a small JSON object without personal data.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: timestamp("at").notNull(),
    actorKind: text("actor_kind", { enum: AUDIT_ACTOR_KINDS }).notNull(),
    /** accounts.id for console actions; null for the bearer token. */
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index("audit_log_at").on(t.at, t.id)],
);

/**
 * A reader's own topic choices (src/subscribers/topics.ts): one row per topic they changed. A topic without a row
 * follows its `default` in templates/topics.yaml. Every change also writes a consents row.
 */
export const subscriberTopics = sqliteTable(
  "subscriber_topics",
  {
    subscriberId: subscriberOwner(),
    topicId: text("topic_id").notNull(),
    subscribed: integer("subscribed", { mode: "boolean" }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.topicId] })],
);

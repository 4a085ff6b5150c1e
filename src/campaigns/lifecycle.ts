// What the admin API does to campaigns: create (content checked by the safety linter), test-send, send or
// schedule, cancel, resume. Every state change that starts or stops a broadcast is written in one atomic batch
// with its event (transactional outbox), so a bus outage never leaves a campaign "sending" with nothing running.
import { and, count, desc, eq, gte, inArray, lt, or } from "drizzle-orm";
import { campaignTemplateById } from "../content/index.ts";
import { type AtomicStatement, atomic } from "../db/client.ts";
import { type CampaignStatus, campaigns, pendingEvents, sends } from "../db/schema.ts";
import { complaintBrakeTripped } from "../delivery/complaint-brake.ts";
import type { AppDeps } from "../deps.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { type Finding, lintContent } from "../lint/index.ts";
import { newId } from "../subscribers/store.ts";
import type { Recipient } from "./audience.ts";
import { loadCampaign } from "./broadcast.ts";
import { cancelledEvent, resumeRequestedEvent, sendRequestedEvent } from "./events.ts";
import { buildCampaignMessages, type Campaign, type CampaignContent } from "./messages.ts";
import { createVariantCache, sanitiseFirstName } from "./personalise.ts";
import { type CreateCampaignInput, type SendCampaignInput, scheduleProblem } from "./schemas.ts";

type Deps = Pick<AppDeps, "config" | "content" | "db" | "mailer" | "inngest" | "logger" | "now">;

export type Failure = {
  ok: false;
  status: 404 | 409 | 422 | 502;
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  findings?: Finding[];
};
export type Result<T> = ({ ok: true } & T) | Failure;

const notFound: Failure = { ok: false, status: 404, code: "not_found", message: "No campaign with this id." };

/** The JSON shape of a campaign in every admin response. */
export function campaignView(c: Campaign, detail = false) {
  return {
    id: c.id,
    name: c.name,
    templateId: c.templateId,
    subject: c.subject,
    preheader: c.preheader,
    authorId: c.authorId,
    audience: c.audience,
    status: c.status,
    statusReason: c.statusReason,
    scheduledAt: c.scheduledAt?.toISOString() ?? null,
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    counts: {
      audience: c.audienceCount,
      sent: c.sentCount,
      skipped: c.skippedCount,
      failed: c.failedCount,
      delivered: c.deliveredCount,
      complained: c.complainedCount,
    },
    lintWarnings: c.lintWarnings,
    ...(detail ? { bodyMarkdown: c.bodyMarkdown, sources: c.sources } : {}),
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

type ResolvedContent = Omit<CampaignContent, "id"> & { name: string; reviewer?: string; reviewedOn?: string };

function resolveContent(deps: Deps, input: CreateCampaignInput): Result<{ content: ResolvedContent }> {
  if (input.templateId !== undefined) {
    const template = campaignTemplateById(deps.content, input.templateId);
    if (!template) {
      return {
        ok: false,
        status: 422,
        code: "validation_failed",
        message: "Some fields are invalid.",
        fields: { templateId: [`No campaign template "${input.templateId}" in templates/campaigns/.`] },
      };
    }
    return {
      ok: true,
      content: {
        name: input.name ?? template.name ?? template.subject,
        templateId: template.id,
        subject: template.subject,
        preheader: template.preheader,
        bodyMarkdown: template.body,
        authorId: template.author,
        sources: template.sources.map((s) => ({ claim: s.claim, citation: s.citation })),
        ...(template.reviewer ? { reviewer: template.reviewer } : {}),
        ...(template.reviewedOn ? { reviewedOn: template.reviewedOn } : {}),
      },
    };
  }
  // The schema guarantees these for inline content.
  const subject = input.subject ?? "";
  return {
    ok: true,
    content: {
      name: input.name ?? subject,
      templateId: null,
      subject,
      preheader: input.preheader ?? "",
      bodyMarkdown: input.bodyMarkdown ?? "",
      authorId: input.authorId ?? "",
      sources: (input.sources ?? []).map((s) => ({ claim: s.claim, citation: s.citation })),
    },
  };
}

function lint(deps: Deps, content: ResolvedContent) {
  return lintContent(
    {
      subject: content.subject,
      preheader: content.preheader,
      bodyMarkdown: content.bodyMarkdown,
      author: content.authorId,
      ...(content.reviewer ? { reviewer: content.reviewer } : {}),
      ...(content.reviewedOn ? { reviewedOn: content.reviewedOn } : {}),
      sources: content.sources,
    },
    { authors: deps.content, today: deps.now() },
  );
}

function unsafe(findings: Finding[]): Failure {
  const errors = findings.filter((f) => f.severity === "error");
  const fields: Record<string, string[]> = {};
  for (const f of errors) {
    const key = f.field === "body" ? "bodyMarkdown" : f.field === "author" ? "authorId" : (f.field ?? "_");
    fields[key] = [...(fields[key] ?? []), f.message];
  }
  return {
    ok: false,
    status: 422,
    code: "content_unsafe",
    message: `The content safety check found ${errors.length} error(s); fix them before this campaign can be created or sent.`,
    fields,
    findings,
  };
}

/** Lint again with today's date and the template's current reviewer (reviews age; templates get reviewed). */
function relint(deps: Deps, campaign: Campaign) {
  const template = campaignTemplateById(deps.content, campaign.templateId);
  return lint(deps, {
    name: campaign.name,
    templateId: campaign.templateId,
    subject: campaign.subject,
    preheader: campaign.preheader,
    bodyMarkdown: campaign.bodyMarkdown,
    authorId: campaign.authorId,
    sources: campaign.sources,
    ...(template?.reviewer ? { reviewer: template.reviewer } : {}),
    ...(template?.reviewedOn ? { reviewedOn: template.reviewedOn } : {}),
  });
}

export async function createCampaign(
  deps: Deps,
  input: CreateCampaignInput,
): Promise<Result<{ campaign: CampaignView; warnings: Finding[] }>> {
  const resolved = resolveContent(deps, input);
  if (!resolved.ok) return resolved;
  const { content } = resolved;

  const result = lint(deps, content);
  // An unknown or missing author is a lint error (author-unknown, author-missing), so it never reaches render.
  if (result.errors > 0) return unsafe(result.findings);

  const warnings = result.findings.filter((f) => f.severity === "warning");
  const now = deps.now();
  const id = newId("cmp");
  const [created] = await deps.db
    .insert(campaigns)
    .values({
      id,
      name: content.name.slice(0, 120),
      templateId: content.templateId,
      subject: content.subject,
      preheader: content.preheader,
      bodyMarkdown: content.bodyMarkdown,
      authorId: content.authorId,
      sources: content.sources,
      audience: input.audience ?? {},
      status: "draft",
      lintWarnings: warnings,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!created) throw new Error("campaign row missing after insert");
  return { ok: true, campaign: campaignView(created, true), warnings };
}

export async function getCampaign(deps: Deps, id: string): Promise<Result<{ campaign: CampaignView }>> {
  const campaign = await loadCampaign(deps.db, id);
  return campaign ? { ok: true, campaign: campaignView(campaign, true) } : notFound;
}

export async function listCampaigns(
  deps: Deps,
  query: { status?: CampaignStatus | undefined; limit: number; before?: string | undefined },
) {
  const conditions = [];
  if (query.status) conditions.push(eq(campaigns.status, query.status));
  if (query.before) {
    const dot = query.before.indexOf(".");
    const at = new Date(Number(query.before.slice(0, dot)));
    const id = query.before.slice(dot + 1);
    conditions.push(or(lt(campaigns.createdAt, at), and(eq(campaigns.createdAt, at), lt(campaigns.id, id))));
  }
  const rows = await deps.db
    .select()
    .from(campaigns)
    .where(and(...conditions))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    campaigns: page.map((c) => campaignView(c)),
    nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  };
}

function conflict(campaign: Campaign, message: string, code = "invalid_state"): Failure {
  return { ok: false, status: 409, code, message: `${message} (the campaign is ${campaign.status}).` };
}

type Transition = Result<{ campaign: CampaignView; dispatched: boolean }>;

/**
 * Writes a status change and its event in one batch, then checks the change took. The update is guarded by the
 * status it expects to leave, so a concurrent request that moved the campaign first makes it a no-op: that
 * answers 409 and dispatches nothing (an event id that was already queued is a no-op too).
 */
async function transition(
  deps: Deps,
  campaign: Campaign,
  update: AtomicStatement,
  to: CampaignStatus,
  event: PendingEvent,
): Promise<Transition> {
  await atomic(deps.db, [update, queueEventStatement(deps.db, event)]);
  const updated = (await loadCampaign(deps.db, campaign.id)) ?? campaign;
  if (updated.status !== to) return conflict(updated, "The campaign changed while this request was handled");
  const dispatched = await dispatchEvents(deps, [event]);
  return { ok: true, campaign: campaignView(updated), dispatched };
}

export async function requestSend(deps: Deps, id: string, input: SendCampaignInput): Promise<Transition> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (campaign.status === "paused") {
    return conflict(
      campaign,
      "A paused campaign continues with POST /api/admin/campaigns/:id/resume",
      "use_resume",
    );
  }
  if (campaign.status !== "draft") return conflict(campaign, "Only a draft campaign can be sent");

  const now = deps.now();
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
  const problem = scheduledAt ? scheduleProblem(scheduledAt, now) : undefined;
  if (problem) {
    return {
      ok: false,
      status: 422,
      code: "validation_failed",
      message: "Some fields are invalid.",
      fields: { scheduledAt: [problem] },
    };
  }

  const result = relint(deps, campaign);
  if (result.errors > 0) return unsafe(result.findings);
  const warnings = result.findings.filter((f) => f.severity === "warning");
  if (warnings.length > 0 && input.acknowledgeWarnings !== true) {
    return {
      ok: false,
      status: 422,
      code: "warnings_unacknowledged",
      message: `The content safety check has ${warnings.length} warning(s). Read them, then send again with acknowledgeWarnings: true.`,
      fields: { acknowledgeWarnings: ["Required when the content has warnings."] },
      findings: warnings,
    };
  }

  const event = sendRequestedEvent(id, scheduledAt);
  const to = scheduledAt ? "scheduled" : "sending";
  return transition(
    deps,
    campaign,
    deps.db
      .update(campaigns)
      .set({ status: to, scheduledAt, lintWarnings: warnings, updatedAt: now })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, "draft"))),
    to,
    event,
  );
}

const CANCELLABLE: CampaignStatus[] = ["draft", "scheduled", "sending", "paused"];

export async function cancelCampaign(deps: Deps, id: string): Promise<Transition> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (!CANCELLABLE.includes(campaign.status))
    return conflict(campaign, "This campaign can no longer be cancelled");
  const now = deps.now();
  const event = cancelledEvent(id);
  return transition(
    deps,
    campaign,
    deps.db
      .update(campaigns)
      .set({
        status: "cancelled",
        statusReason: "Cancelled by an administrator.",
        finishedAt: now,
        updatedAt: now,
      })
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, CANCELLABLE))),
    "cancelled",
    event,
  );
}

export async function resumeCampaign(
  deps: Deps,
  id: string,
  input: { acknowledgeComplaintRate?: boolean | undefined },
): Promise<Transition> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (campaign.status !== "paused") return conflict(campaign, "Only a paused campaign can be resumed");
  if (
    complaintBrakeTripped(campaign.deliveredCount, campaign.complainedCount) &&
    input.acknowledgeComplaintRate !== true
  ) {
    return {
      ok: false,
      status: 409,
      code: "complaint_rate_high",
      message:
        `${campaign.complainedCount} complaints out of ${campaign.deliveredCount} delivered is above the 0.1% brake. ` +
        "Review the content and audience; to resume anyway, send acknowledgeComplaintRate: true.",
      fields: { acknowledgeComplaintRate: ["Required while the complaint rate is above the brake."] },
    };
  }

  // Each resume is a new broadcast run (already-sent recipients are skipped through the sends table); the
  // ordinal makes its event id, and so a double click, de-duplicate.
  // A range rather than LIKE: ids contain "_", which LIKE treats as a wildcard. ";" sorts right after ":".
  const prefix = `campaign-resume:${id}:`;
  const [previous] = await deps.db
    .select({ n: count() })
    .from(pendingEvents)
    .where(and(gte(pendingEvents.id, prefix), lt(pendingEvents.id, `campaign-resume:${id};`)));
  const n = (previous?.n ?? 0) + 1;
  const event = resumeRequestedEvent(id, n);
  const now = deps.now();
  // Paused before it ever started (the brake also pauses scheduled campaigns): keep waiting for the schedule.
  const next: CampaignStatus =
    campaign.startedAt === null && campaign.scheduledAt !== null && campaign.scheduledAt > now
      ? "scheduled"
      : "sending";
  return transition(
    deps,
    campaign,
    deps.db
      .update(campaigns)
      .set({ status: next, statusReason: null, updatedAt: now })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, "paused"))),
    next,
    event,
  );
}

/**
 * Renders the campaign as a test (subject and banner say so) and sends it to up to five addresses. Recorded as
 * sends of kind "test" with no subscriber; the campaign's status and counts do not change.
 */
export async function testSend(
  deps: Deps,
  id: string,
  input: { to: string[]; firstName?: string | undefined },
): Promise<Result<{ sent: number }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  const request = crypto.randomUUID();
  // The unsubscribe links point at a subscriber id that does not exist: they work as links and change nothing.
  const recipients: Recipient[] = input.to.map((email) => ({
    id: `test_${campaign.id}`,
    email,
    firstName: sanitiseFirstName(input.firstName),
    locale: "en",
    country: null,
  }));
  const messages = await buildCampaignMessages(deps, campaign, recipients, {
    cache: createVariantCache(4),
    isTest: true,
    idempotencyKey: (r) => `test:${campaign.id}:${request}:${recipients.indexOf(r)}`,
    tags: [
      { name: "campaign", value: campaign.id },
      { name: "test", value: "true" },
    ],
  });
  let results: { providerMessageId: string }[];
  try {
    results = await deps.mailer.sendBatch(messages, { idempotencyKey: `test:${campaign.id}:${request}` });
  } catch (error) {
    deps.logger.error("campaign test send failed", { campaignId: id, error });
    return {
      ok: false,
      status: 502,
      code: "send_failed",
      message: "The test email could not be sent; the server log has the reason.",
    };
  }
  const at = deps.now();
  await atomic(
    deps.db,
    messages.map((m, i) =>
      deps.db
        .insert(sends)
        .values({
          id: newId("snd"),
          idempotencyKey: m.idempotencyKey,
          kind: "test",
          templateId: "campaign",
          campaignId: campaign.id,
          subscriberId: null,
          providerMessageId: results[i]?.providerMessageId ?? null,
          status: "sent",
          events: [{ type: "sent", at: at.getTime() }],
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing(),
    ),
  );
  return { ok: true, sent: messages.length };
}

/** @jsxImportSource hono/jsx */
// Sending from the console (marketers and owners), through the same domain calls as the admin API: a test to
// yourself, send now after a confirmation page that states how many people it goes to (and the content warnings
// to acknowledge), schedule in your time zone, cancel and resume.
import { Hono } from "hono";
import { STATUS_FOR } from "../../api/errors.ts";
import { countAudience } from "../../campaigns/audience.ts";
import { loadCampaign } from "../../campaigns/broadcast.ts";
import { relint } from "../../campaigns/content-check.ts";
import { testSend } from "../../campaigns/test-send.ts";
import { cancelCampaign, requestSend, resumeCampaign } from "../../campaigns/transitions.ts";
import type { AppDeps } from "../../deps.ts";
import { canonicalTimeZone, instantOf } from "../../lib/time-zone.ts";
import { requireRole } from "../auth.tsx";
import { CsrfField } from "../components/csrf-field.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";
import { renderCampaignPage } from "./campaign-page.tsx";
import { where } from "./components/findings.tsx";
import { fmt, formOf, WRITERS } from "./shared.ts";

/** "2026-12-03T09:00" in an IANA zone -> the instant, or why not. */
export function scheduleInstant(at: string, zone: string): { at: Date } | { problem: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(at.trim());
  if (!m) return { problem: "Enter a date and time." };
  const tz = canonicalTimeZone(zone.trim() || "UTC");
  if (!tz)
    return { problem: `"${zone}" is not a time zone this server knows; use one like Europe/London or UTC.` };
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return { at: instantOf({ year: y, month: mo, day: d, hour: h, minute: mi }, tz) };
}

// Per route, not .use(): this group is mounted beside the others, and a .use("/:id/*") would reach theirs too.
const writers = requireRole(...WRITERS);

export function campaignSendRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .post("/:id/test", writers, async (c) => {
      const id = c.req.param("id");
      const result = await testSend(deps, id, { to: [c.get("account").email] });
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 502,
          message: result.message,
        });
      return c.redirect(`/admin/campaigns/${id}?done=tested#send`, 303);
    })
    .get("/:id/send", writers, async (c) => {
      const id = c.req.param("id");
      const campaign = await loadCampaign(deps.db, id);
      if (!campaign) return renderCampaignPage(c, deps, id);
      const count = await countAudience(deps.db, campaign.audience, deps.content.topics);
      const warnings = relint(deps, campaign).findings.filter((f) => f.severity === "warning");
      return c.html(
        <ConsoleLayout {...shell(c)} title={`Send ${campaign.name}`} section="campaigns">
          <p class="crumbs">
            <a href={`/admin/campaigns/${id}`}>Back to the campaign</a>
          </p>
          <h1>Send “{campaign.name}” now?</h1>
          {count === 0 ? (
            <p>
              Nobody matches this campaign's audience right now, so it would reach no one. Change the audience
              on the campaign page first.
            </p>
          ) : (
            <form method="post" action={`/admin/campaigns/${id}/send`}>
              <CsrfField token={c.get("csrfToken")} />
              <p class="confirm-count">
                It goes to <strong>{fmt(count)}</strong> {count === 1 ? "person" : "people"} now, with the
                subject “{campaign.subject}”. This cannot be undone once it has started (you can cancel the
                rest).
              </p>
              {warnings.length > 0 ? (
                <fieldset>
                  <legend>The content safety check has {warnings.length} warning(s)</legend>
                  <ul>
                    {warnings.map((w) => (
                      <li key={`${w.ruleId}:${w.line}`}>
                        {where(w)}: {w.message}
                      </li>
                    ))}
                  </ul>
                  <label>
                    <input type="checkbox" name="acknowledgeWarnings" value="yes" required /> I have read
                    these warnings and the campaign is right as it is
                  </label>
                </fieldset>
              ) : null}
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit">{`Send to ${fmt(count)} ${count === 1 ? "person" : "people"} now`}</button>
            </form>
          )}
        </ConsoleLayout>,
      );
    })
    .post("/:id/send", writers, async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      if (form.confirm !== "yes") return c.redirect(`/admin/campaigns/${id}/send`, 303);
      const result = await requestSend(deps, id, { acknowledgeWarnings: form.acknowledgeWarnings === "yes" });
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 409,
          message: result.message,
          findings: result.findings,
        });
      return c.redirect(`/admin/campaigns/${id}?done=sending#progress`, 303);
    })
    .post("/:id/schedule", writers, async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const schedule = { at: form.at ?? "", zone: form.zone ?? "UTC" };
      const when = scheduleInstant(schedule.at, schedule.zone);
      if ("problem" in when)
        return renderCampaignPage(c, deps, id, {
          status: 422,
          errors: { scheduledAt: [when.problem] },
          schedule,
        });
      const result = await requestSend(deps, id, {
        scheduledAt: when.at.toISOString(),
        acknowledgeWarnings: form.acknowledgeWarnings === "yes",
      });
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 409,
          errors: result.fields,
          message: result.fields ? undefined : result.message,
          findings: result.findings,
          schedule,
        });
      return c.redirect(`/admin/campaigns/${id}?done=scheduled#send`, 303);
    })
    .post("/:id/cancel", writers, async (c) => {
      const id = c.req.param("id");
      const result = await cancelCampaign(deps, id);
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 409,
          message: result.message,
        });
      return c.redirect(`/admin/campaigns/${id}?done=cancelled`, 303);
    })
    .post("/:id/resume", writers, async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const result = await resumeCampaign(deps, id, {
        acknowledgeComplaintRate: form.acknowledgeComplaintRate === "yes",
      });
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 409,
          message: result.message,
        });
      return c.redirect(`/admin/campaigns/${id}?done=resumed#progress`, 303);
    });
}

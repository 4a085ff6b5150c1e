/** @jsxImportSource hono/jsx */
// GET /admin/campaigns/:id/report: how it went, counted from the sends (campaignReport, as the admin API), and
// deliveries over time as a server-drawn SVG chart with a title and description for screen readers.
import { Hono } from "hono";
import { raw } from "hono/html";
import { deliveriesChartSvg } from "../../campaigns/deliveries-chart.ts";
import { campaignReport } from "../../campaigns/report.ts";
import type { AppDeps } from "../../deps.ts";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";
import { Time } from "./components/time.tsx";
import { fmt } from "./shared.ts";

const pct = (n: number, of: number) => (of > 0 ? ` (${((n / of) * 100).toFixed(1)}%)` : "");

export function campaignReportRoutes(deps: Pick<AppDeps, "content" | "db">) {
  return new Hono<ConsoleEnv>().get("/:id/report", async (c) => {
    const id = c.req.param("id");
    const result = await campaignReport(deps, id);
    if (!result.ok) {
      return c.html(
        <ConsoleLayout {...shell(c)} title="No such campaign" section="campaigns">
          <h1>No such campaign</h1>
        </ConsoleLayout>,
        404,
      );
    }
    const r = result.report;
    const rows: [string, number, string][] = [
      ["Audience", r.audience, "Active subscribers it was for when sending started."],
      ["Sent", r.sent, ""],
      ["Delivered", r.delivered, "Accepted by the recipient's mail server."],
      ["Bounced", r.bounced, "Refused by the mail server; hard bounces are suppressed."],
      ["Complained", r.complained, "Marked as spam; suppressed at once."],
      ["Unsubscribed", r.unsubscribed, "Left through this campaign's unsubscribe link."],
      ["Failed", r.failed, "The provider could not send it."],
      ["Awaiting feedback", r.awaiting, "Sent; no word from the provider yet."],
      ["Skipped", r.skipped, "In the audience but not mailed (suppressed, or left before their turn)."],
    ];
    return c.html(
      <ConsoleLayout
        {...shell(c)}
        title={`Report: ${r.name}`}
        section="campaigns"
        scripts={["local-time.js"]}
      >
        <link rel="stylesheet" href="/admin/assets/campaigns.css" />
        <p class="crumbs">
          <a href={`/admin/campaigns/${id}`}>Back to the campaign</a>
        </p>
        <h1>Report: {r.name}</h1>
        <p>
          Status: {r.status}.{" "}
          {r.startedAt ? (
            <>
              Started <Time at={r.startedAt} />.{" "}
            </>
          ) : null}
          {r.finishedAt ? (
            <>
              Finished <Time at={r.finishedAt} />.
            </>
          ) : null}
        </p>
        <div class="table-wrap">
          <table class="report">
            <caption class="visually-hidden">Campaign figures</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, n, meaning]) => (
                <tr key={label}>
                  <th scope="row">
                    {label}
                    {meaning ? <span class="meaning">{meaning}</span> : null}
                  </th>
                  <td class="num" data-figure={label.toLowerCase()}>
                    {fmt(n)}
                    {label !== "Audience" && label !== "Sent" ? pct(n, r.sent) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>Deliveries over time</h2>
        <figure class="chart">
          {raw(deliveriesChartSvg(r.deliveries, { idPrefix: "report-deliveries" }))}
        </figure>
        <p class="muted">
          Figures come from the delivery reports of the mail provider; a person who is erased still counts
          here, without anything about them.
        </p>
      </ConsoleLayout>,
    );
  });
}

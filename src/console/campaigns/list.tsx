/** @jsxImportSource hono/jsx */
// GET /admin/campaigns: every campaign, newest first, with its status, review, audience and counts.
import { Hono } from "hono";
import { listCampaigns } from "../../campaigns/view.ts";
import type { AppDeps } from "../../deps.ts";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";
import { Time } from "./components/time.tsx";
import { fmt, WRITERS } from "./shared.ts";

function audienceText(a: { topics?: string[]; tags?: string[]; locales?: string[]; countries?: string[] }) {
  const parts = [
    a.topics?.length ? `topics ${a.topics.join(", ")}` : "",
    a.tags?.length ? `tags ${a.tags.join(", ")}` : "",
    a.locales?.length ? `locales ${a.locales.join(", ")}` : "",
    a.countries?.length ? `countries ${a.countries.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : "everyone active";
}

export function campaignListRoutes(deps: Pick<AppDeps, "db">) {
  return new Hono<ConsoleEnv>().get("/", async (c) => {
    const { campaigns } = await listCampaigns(deps, { limit: 100 });
    const writer = (WRITERS as readonly string[]).includes(c.get("account").role);
    return c.html(
      <ConsoleLayout {...shell(c)} title="Campaigns" section="campaigns" scripts={["local-time.js"]}>
        <link rel="stylesheet" href="/admin/assets/campaigns.css" />
        <h1>Campaigns</h1>
        {writer ? (
          <p>
            <a class="button" href="/admin/campaigns/new">
              New campaign
            </a>
          </p>
        ) : null}
        {campaigns.length === 0 ? (
          <p>No campaigns yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Campaigns, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Status</th>
                  <th scope="col">Review</th>
                  <th scope="col">Audience</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((k) => (
                  <tr key={k.id}>
                    <td>
                      <a href={`/admin/campaigns/${k.id}`}>{k.name}</a>
                    </td>
                    <td>{k.status}</td>
                    <td>{k.review.state.replace("_", " ")}</td>
                    <td>
                      {audienceText(k.audience)}
                      {k.counts.audience > 0 ? ` (${fmt(k.counts.audience)})` : ""}
                    </td>
                    <td>{fmt(k.counts.sent)}</td>
                    <td>{fmt(k.counts.delivered)}</td>
                    <td>
                      <Time at={k.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ConsoleLayout>,
    );
  });
}

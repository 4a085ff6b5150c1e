/** @jsxImportSource hono/jsx */
// GET /admin/campaigns: every campaign, newest first, with its status, review, audience and counts; on a phone,
// one card per campaign (a stacked table), as the subscriber list.
import { Hono } from "hono";
import { listCampaigns } from "../../campaigns/view.ts";
import type { AppDeps } from "../../deps.ts";
import { type Column, DataTable } from "../components/data-table.tsx";
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

type Row = Awaited<ReturnType<typeof listCampaigns>>["campaigns"][number];

const COLUMNS: Column<Row>[] = [
  { header: "Campaign", cell: (k) => <a href={`/admin/campaigns/${k.id}`}>{k.name}</a> },
  { header: "Status", cell: (k) => k.status },
  { header: "Review", cell: (k) => k.review.state.replace("_", " ") },
  {
    header: "Audience",
    cell: (k) => (
      <>
        {audienceText(k.audience)}
        {k.counts.audience > 0 ? ` (${fmt(k.counts.audience)})` : ""}
      </>
    ),
  },
  { header: "Sent", mobileLabel: "Emails sent", cell: (k) => fmt(k.counts.sent) },
  { header: "Delivered", mobileLabel: "Emails delivered", cell: (k) => fmt(k.counts.delivered) },
  { header: "Created", cell: (k) => <Time at={k.createdAt} /> },
];

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
        <DataTable
          stack
          caption="Campaigns, newest first"
          columns={COLUMNS}
          rows={campaigns}
          rowKey={(k) => k.id}
          empty={<p>No campaigns yet.</p>}
        />
      </ConsoleLayout>,
    );
  });
}

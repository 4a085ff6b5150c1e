// npm run campaign -- <command> ...   A command line for marketers; it only calls the admin API.
//
//   create  --template <id> | --subject S --preheader P --body-file F.md --author <id> [--source "claim|citation"]...
//           [--name N] [--tag T]... [--locale L]... [--country C]...
//   test    <id> --to <address> [--to <address>]... [--first-name Sam]
//   submit  <id>                                   clinical review: submit, then a reviewer approves or returns
//   approve <id> --reviewer <email>   |   return <id> --reviewer <email> --comment TEXT
//   report  <id>
//   send    <id> [--at 2026-12-01T09:00:00Z | --local-time 09:00 [--local-date 2026-12-05]] [--ack-warnings] [--no-watch]
//   cancel  <id>
//   resume  <id> [--ack-complaint-rate] [--no-watch]
//   status  <id> [--watch]
//   list    [--status sending]
//   subscribers list [--status S] [--tag T] [--country C] [--locale L] [--limit N] [--after CURSOR]
//   subscribers find <email> | tag <id> <tag>... | untag <id> <tag> | export [--out F.csv] [filters]
//   subscribers import <file.csv> --source S [--prior-consent]
//
// Talks to APP_URL with ADMIN_TOKEN (defaults: the development defaults of src/config.ts, so it works against
// `npm run dev` out of the box). While a campaign sends, a progress line shows sent / audience until it ends; a
// line repeats every 10 s while nothing changes, and after --timeout seconds (120) without progress it stops
// watching and says where to look. Every request gives up after 15 s instead of hanging.
// Exit codes: 0 done, 1 the API refused, the campaign ended failed/cancelled/paused or stalled, 2 bad usage or
// the server could not be reached.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { InferRequestType } from "hono/client";
import type { CampaignView } from "../src/campaigns/view.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { formatFinding } from "../src/lint/format.ts";
import { adminClient, type CliIo, refusedBy, UsageError } from "./admin-client.ts";
import { subscribersCommand } from "./subscribers-cli.ts";

export type { CliIo } from "./admin-client.ts";

const USAGE = `usage: npm run campaign -- <command> [options]
  create  --template <id> | --subject S --preheader P --body-file F.md --author <id> [--source "claim|citation"]
          [--name N] [--tag T]... [--locale L]... [--country C]...
  test    <id> --to <address> [--to <address>]... [--first-name NAME]
  submit  <id>                          submit for clinical review (only approved campaigns can be sent)
  approve <id> --reviewer EMAIL         a reviewer account approves it (never its writer or submitter)
  return  <id> --reviewer EMAIL --comment TEXT      a reviewer sends it back
  report  <id>                          audience, sent, delivered, bounced, complained, unsubscribed, failed
  send    <id> [--at ISO-DATE-TIME | --local-time HH:MM [--local-date YYYY-MM-DD]] [--ack-warnings] [--no-watch]
  cancel  <id>
  resume  <id> [--ack-complaint-rate] [--no-watch]
  status  <id> [--watch] [--timeout SECONDS]
  list    [--status STATUS]
  subscribers list [--status S] [--tag T] [--country C] [--locale L] [--limit N] [--after CURSOR]
  subscribers find <email>
  subscribers tag <subscriber-id> <tag>...      subscribers untag <subscriber-id> <tag>
  subscribers import <file.csv> --source NAME [--prior-consent]
  subscribers export [--out FILE.csv] [--status S] [--tag T] [--country C] [--locale L]
send and resume also take --timeout SECONDS (default 120: stop watching when nothing moves for that long);
send refuses a campaign that nobody matches unless --allow-empty.
--local-time 09:00 sends each reader's group at 09:00 in their own time zone (on --local-date, else the next 09:00).
environment: APP_URL (default http://127.0.0.1:3000), ADMIN_TOKEN (default: the development token)`;

const TERMINAL = new Set(["sent", "cancelled", "failed", "paused", "draft"]);

const options = {
  template: { type: "string" },
  subject: { type: "string" },
  preheader: { type: "string" },
  "body-file": { type: "string" },
  author: { type: "string" },
  source: { type: "string", multiple: true },
  "local-time": { type: "string" },
  "local-date": { type: "string" },
  name: { type: "string" },
  tag: { type: "string", multiple: true },
  locale: { type: "string", multiple: true },
  country: { type: "string", multiple: true },
  to: { type: "string", multiple: true },
  "first-name": { type: "string" },
  reviewer: { type: "string" },
  comment: { type: "string" },
  at: { type: "string" },
  "ack-warnings": { type: "boolean" },
  "ack-complaint-rate": { type: "boolean" },
  "allow-empty": { type: "boolean" },
  timeout: { type: "string" },
  limit: { type: "string" },
  after: { type: "string" },
  out: { type: "string" },
  "prior-consent": { type: "boolean" },
  "no-watch": { type: "boolean" },
  watch: { type: "boolean" },
  status: { type: "string" },
  interval: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

export function progressLine(c: Pick<CampaignView, "status" | "counts" | "scheduledAt">): string {
  const { audience, sent, skipped, failed } = c.counts;
  const done = sent + skipped + failed;
  const pct = audience > 0 ? ` (${Math.min(100, Math.floor((done / audience) * 100))}%)` : "";
  const when = c.status === "scheduled" && c.scheduledAt ? ` at ${c.scheduledAt}` : "";
  return `${c.status}${when}: ${fmt(sent)} / ${fmt(audience)} sent${pct}, ${fmt(skipped)} skipped, ${fmt(failed)} failed`;
}

function reviewLine(review: CampaignView["review"]): string {
  if (review.approval)
    return `approved by ${review.approval.name}, ${review.approval.title}, ${review.approval.at}`;
  return {
    none: "not submitted",
    in_review: "in review",
    returned: "sent back for changes",
    approved: "approved",
  }[review.state];
}

function describe(c: CampaignView): string {
  const audience = Object.entries(c.audience)
    .filter(([, v]) => v.length > 0)
    .map(([k, v]) => `${k}=${v.join(",")}`)
    .join(" ");
  return [
    `${c.id}  ${c.name}`,
    `  subject:  ${c.subject}`,
    `  audience: ${audience || "all active subscribers"}`,
    `  ${progressLine(c)}`,
    `  review:   ${reviewLine(c.review)}`,
    ...(c.statusReason ? [`  reason:   ${c.statusReason}`] : []),
    ...(c.lintWarnings.length > 0
      ? [`  ${c.lintWarnings.length} content warning(s) acknowledged or pending`]
      : []),
  ].join("\n");
}

export async function runCampaignCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`campaign: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, id] = positionals;
  if (values.help || !command) {
    io.out(`${USAGE}\n`);
    return command ? 0 : 2;
  }

  let appUrl: string;
  let token: string;
  try {
    // Only the two settings this tool uses, so a production-only requirement elsewhere never blocks it.
    const config = loadConfig({
      APP_URL: io.env.APP_URL,
      ADMIN_TOKEN: io.env.ADMIN_TOKEN,
      HOST: io.env.HOST,
      PORT: io.env.PORT,
    });
    appUrl = config.appUrl;
    token = config.adminToken;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`campaign: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const client = adminClient(io, appUrl, token);
  const campaigns = client.campaigns;
  const refused = (res: Parameters<typeof refusedBy>[1]): Promise<number> => refusedBy(io, res);
  const interval = Number(values.interval ?? 1000);
  const stallMs = Number(values.timeout ?? 120) * 1000;
  const HEARTBEAT_MS = 10_000;

  const watch = async (campaignId: string): Promise<number> => {
    let last = "";
    let unchangedMs = 0;
    let sincePrinted = 0;
    for (;;) {
      const res = await campaigns[":id"].$get({ param: { id: campaignId } });
      if (!res.ok) return refused(res);
      const { campaign } = await res.json();
      const line = progressLine(campaign);
      if (line !== last) {
        unchangedMs = 0;
        sincePrinted = 0;
        io.out(io.tty ? `\r\x1b[2K${line}` : `${line}\n`);
      } else if (io.tty) {
        io.out(`\r\x1b[2K${line} (no change for ${Math.round(unchangedMs / 1000)} s)`);
      } else if (sincePrinted >= HEARTBEAT_MS) {
        // Keep saying something, so a quiet watch is not mistaken for a hung one.
        io.out(`${line} (no change for ${Math.round(unchangedMs / 1000)} s)\n`);
        sincePrinted = 0;
      }
      last = line;
      if (TERMINAL.has(campaign.status)) {
        if (io.tty) io.out("\n");
        if (campaign.statusReason) io.out(`${campaign.statusReason}\n`);
        return campaign.status === "sent" ? 0 : 1;
      }
      if (unchangedMs >= stallMs) {
        if (io.tty) io.out("\n");
        io.err(
          `campaign: no progress for ${Math.round(stallMs / 1000)} s, so I stopped watching; the campaign itself is unchanged.\n` +
            "  The broadcast runs in Inngest. Locally: is the Inngest dev server running? `npm run dev` starts it and says\n" +
            `  why when it cannot; ${appUrl}/dev/outbox shows how many events wait for it. Elsewhere: the Inngest dashboard.\n` +
            `  Watch again: npm run campaign -- status ${campaignId} --watch\n`,
        );
        return 1;
      }
      await io.sleep(interval);
      unchangedMs += interval;
      sincePrinted += interval;
    }
  };

  const describeAudience = (a: CampaignView["audience"]) =>
    Object.entries(a)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => `${k}=${v.join(",")}`)
      .join(" ") || "all active subscribers";

  const listHint = (a: CampaignView["audience"]) =>
    `npm run campaign -- subscribers list --status active${(a.tags ?? []).map((t) => ` --tag ${t}`).join("")}${(a.countries ?? []).map((c) => ` --country ${c}`).join("")}`;

  /** Active subscribers the campaign matches right now. */
  const audienceNow = async (campaignId: string): Promise<number | undefined> => {
    const res = await campaigns[":id"].audience.$get({ param: { id: campaignId } });
    return res.ok ? (await res.json()).audience.count : undefined;
  };

  const needId = () => {
    if (!id) throw new UsageError(`"${command}" needs a campaign id`);
    return encodeURIComponent(id);
  };

  try {
    switch (command) {
      case "create": {
        const audience = {
          ...(values.tag ? { tags: values.tag } : {}),
          ...(values.locale ? { locales: values.locale } : {}),
          ...(values.country ? { countries: values.country } : {}),
        };
        let body: InferRequestType<typeof campaigns.$post>["json"];
        if (values.template) {
          body = { templateId: values.template };
        } else {
          if (!values["body-file"])
            throw new UsageError("give --template <id>, or --subject, --preheader, --body-file and --author");
          const sources = (values.source ?? []).map((s) => {
            const [claim, ...citation] = s.split("|");
            return { claim: claim?.trim() ?? "", citation: citation.join("|").trim() };
          });
          body = {
            subject: values.subject,
            preheader: values.preheader,
            bodyMarkdown: io.readFile(values["body-file"]),
            authorId: values.author,
            ...(sources.length > 0 ? { sources } : {}),
          };
        }
        const res = await campaigns.$post({
          json: { ...body, ...(values.name ? { name: values.name } : {}), audience },
        });
        if (!res.ok) return refused(res);
        const { campaign, warnings } = await res.json();
        io.out(`created ${campaign.id}\n${describe(campaign)}\n`);
        const count = await audienceNow(campaign.id);
        if (count !== undefined) {
          io.out(`  matches now: ${fmt(count)} active subscriber${count === 1 ? "" : "s"}\n`);
          if (count === 0)
            io.out(
              `  Nobody matches ${describeAudience(campaign.audience)} yet; check with: ${listHint(campaign.audience)}\n`,
            );
        }
        for (const w of warnings) io.out(`  ${formatFinding(w)}\n`);
        if (warnings.length > 0)
          io.out("Sending will need --ack-warnings once a person has reviewed these.\n");
        return 0;
      }
      case "test": {
        const campaignId = needId();
        if (!values.to) throw new UsageError("give at least one --to <address>");
        const res = await campaigns[":id"].test.$post({
          param: { id: campaignId },
          json: { to: values.to, ...(values["first-name"] ? { firstName: values["first-name"] } : {}) },
        });
        if (!res.ok) return refused(res);
        io.out(`test sent to ${values.to.length} address(es)\n`);
        return 0;
      }
      case "send":
      case "resume": {
        const campaignId = needId();
        if (command === "send") {
          const current = await campaigns[":id"].$get({ param: { id: campaignId } });
          if (!current.ok) return refused(current);
          const { audience } = (await current.json()).campaign;
          const count = await audienceNow(campaignId);
          if (count !== undefined) {
            io.out(
              `audience: ${fmt(count)} active subscriber${count === 1 ? "" : "s"} (${describeAudience(audience)})\n`,
            );
          }
          if (count === 0 && !values["allow-empty"]) {
            io.err(
              `campaign: nobody matches this campaign's audience (${describeAudience(audience)}), so nothing was sent.\n` +
                `  Check it with: ${listHint(audience)}\n  To send to nobody anyway: add --allow-empty\n`,
            );
            return 1;
          }
        }
        const res =
          command === "send"
            ? await campaigns[":id"].send.$post({
                param: { id: campaignId },
                json: {
                  ...(values.at ? { scheduledAt: values.at } : {}),
                  ...(values["local-time"] ? { localTime: values["local-time"] } : {}),
                  ...(values["local-date"] ? { localDate: values["local-date"] } : {}),
                  ...(values["ack-warnings"] ? { acknowledgeWarnings: true } : {}),
                  ...(values["allow-empty"] ? { allowEmpty: true } : {}),
                },
              })
            : await campaigns[":id"].resume.$post({
                param: { id: campaignId },
                json: values["ack-complaint-rate"] ? { acknowledgeComplaintRate: true } : {},
              });
        if (!res.ok) return refused(res);
        const { campaign, dispatched } = await res.json();
        io.out(`${command === "send" ? "send requested" : "resumed"}: ${progressLine(campaign)}\n`);
        if (!dispatched) io.out("The event bus did not answer; the server will retry it shortly.\n");
        if (campaign.localTime) {
          const on = campaign.localTime.date ? ` on ${campaign.localTime.date}` : "";
          io.out(
            `Each reader's group goes at ${campaign.localTime.time}${on} in their own time zone; check with: status ${campaignId}\n`,
          );
          return 0;
        }
        if (values["no-watch"] || campaign.status === "scheduled") return 0;
        return watch(campaignId);
      }
      case "submit":
      case "approve":
      case "return": {
        const param = { id: needId() };
        const reviewer = values.reviewer ?? "";
        if (command !== "submit" && !reviewer) throw new UsageError(`"${command}" needs --reviewer <email>`);
        const res =
          command === "submit"
            ? await campaigns[":id"].submit.$post({ param })
            : command === "approve"
              ? await campaigns[":id"].approve.$post({ param, json: { reviewer } })
              : await campaigns[":id"].return.$post({
                  param,
                  json: { reviewer, comment: values.comment ?? "" },
                });
        if (!res.ok) return refused(res);
        io.out(`${describe((await res.json()).campaign)}\n`);
        return 0;
      }
      case "report": {
        const res = await campaigns[":id"].report.$get({ param: { id: needId() } });
        if (!res.ok) return refused(res);
        const { report: r } = await res.json();
        const rows: [string, number][] = [
          ["audience", r.audience],
          ["sent", r.sent],
          ["delivered", r.delivered],
          ["bounced", r.bounced],
          ["complained", r.complained],
          ["unsubscribed", r.unsubscribed],
          ["failed", r.failed],
          ["skipped", r.skipped],
        ];
        io.out(`${r.campaignId}  ${r.name}  (${r.status})\n`);
        for (const [label, n] of rows) io.out(`  ${label.padEnd(13)}${fmt(n).padStart(9)}\n`);
        return 0;
      }
      case "cancel": {
        const res = await campaigns[":id"].cancel.$post({ param: { id: needId() } });
        if (!res.ok) return refused(res);
        io.out(`${progressLine((await res.json()).campaign)}\n`);
        return 0;
      }
      case "status": {
        const campaignId = needId();
        if (values.watch) return watch(campaignId);
        const res = await campaigns[":id"].$get({ param: { id: campaignId } });
        if (!res.ok) return refused(res);
        io.out(`${describe((await res.json()).campaign)}\n`);
        return 0;
      }
      case "list": {
        // An unknown status is the server's to refuse (a 422 naming the allowed ones), as for every other field.
        type Status = InferRequestType<typeof campaigns.$get>["query"]["status"];
        const res = await campaigns.$get({ query: { limit: "100", status: values.status as Status } });
        if (!res.ok) return refused(res);
        const { campaigns: list } = await res.json();
        if (list.length === 0) io.out("no campaigns\n");
        for (const c of list)
          io.out(`${c.id}  ${c.status.padEnd(9)}  ${fmt(c.counts.sent).padStart(9)} sent  ${c.name}\n`);
        return 0;
      }
      case "subscribers":
        return await subscribersCommand(positionals.slice(1), values, client.subscribers, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`campaign: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await runCampaignCli(process.argv.slice(2), {
    fetch,
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    tty: Boolean(process.stdout.isTTY),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    readFile: (path) => readFileSync(path, "utf8"),
    writeFile: (path, text) => writeFileSync(path, text),
  });
}

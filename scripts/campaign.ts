// npm run campaign -- <command> ...   A command line for marketers; it only calls the admin API.
//
//   create  --template <id> | --subject S --preheader P --body-file F.md --author <id> [--source "claim|citation"]...
//           [--name N] [--tag T]... [--locale L]... [--country C]...
//   test    <id> --to <address> [--to <address>]... [--first-name Sam]
//   send    <id> [--at 2026-12-01T09:00:00Z] [--ack-warnings] [--no-watch]
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
import type { CampaignView } from "../src/campaigns/view.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { formatFinding } from "../src/lint/format.ts";
import type { Finding } from "../src/lint/types.ts";
import { subscribersCommand } from "./subscribers-cli.ts";

export type CliIo = {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when `out` is a terminal: the progress line then rewrites itself in place. */
  tty: boolean;
  sleep: (ms: number) => Promise<void>;
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  /** How long one API call may take (default 15 s). */
  requestTimeoutMs?: number;
};

type ApiErrorBody = {
  error?: { code?: string; message?: string; fields?: Record<string, string[]>; findings?: Finding[] };
};

const USAGE = `usage: npm run campaign -- <command> [options]
  create  --template <id> | --subject S --preheader P --body-file F.md --author <id> [--source "claim|citation"]
          [--name N] [--tag T]... [--locale L]... [--country C]...
  test    <id> --to <address> [--to <address>]... [--first-name NAME]
  send    <id> [--at ISO-DATE-TIME] [--ack-warnings] [--no-watch]
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
environment: APP_URL (default http://127.0.0.1:3000), ADMIN_TOKEN (default: the development token)`;

const TERMINAL = new Set(["sent", "cancelled", "failed", "paused", "draft"]);

const options = {
  template: { type: "string" },
  subject: { type: "string" },
  preheader: { type: "string" },
  "body-file": { type: "string" },
  author: { type: "string" },
  source: { type: "string", multiple: true },
  name: { type: "string" },
  tag: { type: "string", multiple: true },
  locale: { type: "string", multiple: true },
  country: { type: "string", multiple: true },
  to: { type: "string", multiple: true },
  "first-name": { type: "string" },
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
    ...(c.statusReason ? [`  reason:   ${c.statusReason}`] : []),
    ...(c.lintWarnings.length > 0
      ? [`  ${c.lintWarnings.length} content warning(s) acknowledged or pending`]
      : []),
  ].join("\n");
}

/** Prints the API's refusal (code, message, field messages, linter findings); exit code 1. */
export function refusedBy(io: Pick<CliIo, "err">, status: number, json: unknown): number {
  const error = (json as ApiErrorBody).error;
  io.err(`campaign: ${status} ${error?.code ?? "error"}: ${error?.message ?? "request failed"}\n`);
  for (const [field, messages] of Object.entries(error?.fields ?? {}))
    io.err(`  ${field}: ${messages.join("; ")}\n`);
  for (const finding of error?.findings ?? []) io.err(`  ${formatFinding(finding)}\n`);
  if (status === 401) io.err("  (check ADMIN_TOKEN)\n");
  return 1;
}

export class UsageError extends Error {}

export type AdminCall = (
  method: string,
  path: string,
  body?: unknown,
  raw?: { type: string; text: string },
) => Promise<{ status: number; ok: boolean; json: unknown; text: string }>;

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

  const requestTimeoutMs = io.requestTimeoutMs ?? 15_000;
  /** One call under /api/admin; a JSON body unless `raw` (the CSV import) is given. */
  const admin: AdminCall = async (method, path, body, raw) => {
    let res: Response;
    let text: string;
    const type = raw?.type ?? (body === undefined ? undefined : "application/json");
    try {
      res = await io.fetch(`${appUrl}/api/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(type ? { "content-type": type } : {}) },
        ...(raw ? { body: raw.text } : body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new UsageError(
          `no answer from ${appUrl} within ${Math.round(requestTimeoutMs / 1000)} s; the server may be stuck or still starting: check its terminal and try again.`,
        );
      }
      throw new UsageError(
        `cannot reach ${appUrl} (${(error as Error).message}); is the server running (npm run dev)? Elsewhere set APP_URL.`,
      );
    }
    let json: unknown = {};
    try {
      json = JSON.parse(text);
    } catch {
      // CSV export, or an empty body.
    }
    return { status: res.status, ok: res.ok, json, text };
  };
  const api = (method: string, path: string, body?: unknown) => admin(method, `/campaigns${path}`, body);

  const refused = (status: number, json: unknown): number => refusedBy(io, status, json);
  const interval = Number(values.interval ?? 1000);
  const stallMs = Number(values.timeout ?? 120) * 1000;
  const HEARTBEAT_MS = 10_000;

  const watch = async (campaignId: string): Promise<number> => {
    let last = "";
    let unchangedMs = 0;
    let sincePrinted = 0;
    for (;;) {
      const res = await api("GET", `/${campaignId}`);
      if (!res.ok) return refused(res.status, res.json);
      const campaign = (res.json as { campaign: CampaignView }).campaign;
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
    const res = await api("GET", `/${campaignId}/audience`);
    return res.ok ? (res.json as { audience: { count: number } }).audience.count : undefined;
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
        let body: Record<string, unknown>;
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
        const res = await api("POST", "", {
          ...body,
          ...(values.name ? { name: values.name } : {}),
          audience,
        });
        if (!res.ok) return refused(res.status, res.json);
        const { campaign, warnings } = res.json as { campaign: CampaignView; warnings: Finding[] };
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
        const res = await api("POST", `/${campaignId}/test`, {
          to: values.to,
          ...(values["first-name"] ? { firstName: values["first-name"] } : {}),
        });
        if (!res.ok) return refused(res.status, res.json);
        io.out(`test sent to ${values.to.length} address(es)\n`);
        return 0;
      }
      case "send":
      case "resume": {
        const campaignId = needId();
        if (command === "send") {
          const current = await api("GET", `/${campaignId}`);
          if (!current.ok) return refused(current.status, current.json);
          const { audience } = (current.json as { campaign: CampaignView }).campaign;
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
            ? await api("POST", `/${campaignId}/send`, {
                ...(values.at ? { scheduledAt: values.at } : {}),
                ...(values["ack-warnings"] ? { acknowledgeWarnings: true } : {}),
                ...(values["allow-empty"] ? { allowEmpty: true } : {}),
              })
            : await api(
                "POST",
                `/${campaignId}/resume`,
                values["ack-complaint-rate"] ? { acknowledgeComplaintRate: true } : {},
              );
        if (!res.ok) return refused(res.status, res.json);
        const { campaign, dispatched } = res.json as { campaign: CampaignView; dispatched: boolean };
        io.out(`${command === "send" ? "send requested" : "resumed"}: ${progressLine(campaign)}\n`);
        if (!dispatched) io.out("The event bus did not answer; the server will retry it shortly.\n");
        if (values["no-watch"] || campaign.status === "scheduled") return 0;
        return watch(campaignId);
      }
      case "cancel": {
        const res = await api("POST", `/${needId()}/cancel`);
        if (!res.ok) return refused(res.status, res.json);
        io.out(`${progressLine((res.json as { campaign: CampaignView }).campaign)}\n`);
        return 0;
      }
      case "status": {
        const campaignId = needId();
        if (values.watch) return watch(campaignId);
        const res = await api("GET", `/${campaignId}`);
        if (!res.ok) return refused(res.status, res.json);
        io.out(`${describe((res.json as { campaign: CampaignView }).campaign)}\n`);
        return 0;
      }
      case "list": {
        const res = await api(
          "GET",
          `?limit=100${values.status ? `&status=${encodeURIComponent(values.status)}` : ""}`,
        );
        if (!res.ok) return refused(res.status, res.json);
        const { campaigns } = res.json as { campaigns: CampaignView[] };
        if (campaigns.length === 0) io.out("no campaigns\n");
        for (const c of campaigns)
          io.out(`${c.id}  ${c.status.padEnd(9)}  ${fmt(c.counts.sent).padStart(9)} sent  ${c.name}\n`);
        return 0;
      }
      case "subscribers":
        return await subscribersCommand(positionals.slice(1), values, admin, io);
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

// What the campaign pages share: who is acting (the console account as the domain's Actor), the form fields as the
// API's zod schemas expect them, times as people read them, and the notices shown after a redirect.
import type { Context } from "hono";
import { findAccountById } from "../../accounts/store.ts";
import type { Actor } from "../../campaigns/actor.ts";
import type { AppDeps } from "../../deps.ts";
import type { ConsoleEnv } from "../env.ts";
import type { EditorValues } from "./components/editor-form.tsx";

/** The signed-in person as the campaign domain sees them (with title and removal, which review rules read). */
export async function actorOf(c: Context<ConsoleEnv>, deps: Pick<AppDeps, "db">): Promise<Actor> {
  const account = await findAccountById(deps.db, c.get("account").id);
  if (!account) throw new Error("signed-in account missing");
  return { kind: "account", account };
}

export async function formOf(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/** "a, b ,c" -> ["a", "b", "c"]; empty -> undefined (the field is left out). */
export function list(value: string | undefined): string[] | undefined {
  const items = (value ?? "")
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** One source per line, "claim | citation". Lines without a "|" become a claim with an empty citation (refused). */
export function parseSources(value: string | undefined) {
  return (value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [claim, ...rest] = line.split("|");
      return { claim: (claim ?? "").trim(), citation: rest.join("|").trim() };
    });
}

export function sourcesText(sources: readonly { claim: string; citation: string }[]): string {
  return sources.map((s) => `${s.claim} | ${s.citation}`).join("\n");
}

/** The editor's fields as createCampaignSchema / updateCampaignSchema read them. */
export function contentFromForm(form: Record<string, string>) {
  return {
    ...(form.name?.trim() ? { name: form.name } : {}),
    subject: form.subject ?? "",
    preheader: form.preheader ?? "",
    bodyMarkdown: form.bodyMarkdown ?? "",
    authorId: form.authorId ?? "",
    sources: parseSources(form.sources),
  };
}

/** The editor's fields as typed, to fill the form again when a save is refused. */
export function editorValuesFromForm(form: Record<string, string>): EditorValues {
  return {
    name: form.name ?? "",
    subject: form.subject ?? "",
    preheader: form.preheader ?? "",
    bodyMarkdown: form.bodyMarkdown ?? "",
    authorId: form.authorId ?? "",
    sources: form.sources ?? "",
  };
}

export function audienceFromForm(form: Record<string, string>) {
  const tags = list(form.tags);
  const locales = list(form.locales);
  const countries = list(form.countries);
  const topics = list(form.topics);
  return {
    ...(topics ? { topics } : {}),
    ...(tags ? { tags } : {}),
    ...(locales ? { locales } : {}),
    ...(countries ? { countries } : {}),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-12-02 09:30 UTC": the time every page prints; a script adds the viewer's own zone beside it. */
export function utc(at: Date | string | null | undefined): string {
  if (!at) return "";
  const d = typeof at === "string" ? new Date(at) : at;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

/** What the page says after a form's redirect (?done=…). */
export const NOTICES: Record<string, string> = {
  created: "Campaign created. Edit it, then submit it for review.",
  saved: "Saved.",
  voided: "Saved. The content changed, so the earlier review no longer applies: submit it for review again.",
  audience: "Audience saved.",
  submitted: "Submitted for review. A reviewer will approve it or send it back.",
  approved: "Approved. It can now be test-sent, scheduled or sent.",
  returned: "Sent back to the writer with your comment.",
  tested: "Test email sent to you.",
  scheduled: "Scheduled.",
  sending: "Sending has started.",
  cancelled: "Cancelled. Nothing more will be sent.",
  resumed: "Resumed.",
};

export const WRITERS = ["marketer", "owner"] as const;

/** Field messages keyed by the form field they belong to ("sources.0.citation" -> "sources"). */
export function topFields(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const top = key.split(".")[0] ?? key;
    out[top] = [...(out[top] ?? []), ...messages];
  }
  return out;
}

/** The :id of every campaign page, checked like the admin API's. */
export const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,128}$/;

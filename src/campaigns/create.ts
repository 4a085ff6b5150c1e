// Creating a campaign: from a template or inline content, refused while the content safety check finds errors.
import { campaigns } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { randomId } from "../lib/ids.ts";
import { fail } from "../lib/result.ts";
import type { Finding } from "../lint/index.ts";
import { type Actor, API_TOKEN, actorId } from "./actor.ts";
import { checkContent, resolveContent, unsafe } from "./content-check.ts";
import type { Result } from "./result.ts";
import type { CreateCampaignInput } from "./schemas.ts";
import { unknownTopics } from "./topic-audience.ts";
import { type CampaignView, campaignView } from "./view.ts";

type Deps = Pick<AppDeps, "content" | "db" | "now">;

export async function createCampaign(
  deps: Deps,
  input: CreateCampaignInput,
  actor: Actor = API_TOKEN,
): Promise<Result<{ campaign: CampaignView; warnings: Finding[] }>> {
  const unknown = unknownTopics(deps.content.topics, input.audience ?? {});
  if (unknown.length > 0) {
    return fail("validation_failed", "Some fields are invalid.", {
      "audience.topics": [
        `Unknown topic ${unknown.map((t) => `"${t}"`).join(", ")}; the topics are ${deps.content.topics.list.map((t) => t.id).join(", ")} (templates/topics.yaml).`,
      ],
    });
  }
  const resolved = resolveContent(deps, input);
  if (!resolved.ok) return resolved;
  const { content } = resolved;

  const result = checkContent(deps, content);
  // An unknown or missing author is a lint error (author-unknown, author-missing), so it never reaches render.
  if (result.errors > 0) return unsafe(result.findings);

  const warnings = result.findings.filter((f) => f.severity === "warning");
  const now = deps.now();
  const id = randomId("cmp");
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
      // The writer may not review it (review.ts reviewerProblem).
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!created) throw new Error("campaign row missing after insert");
  return { ok: true, campaign: campaignView(created, true), warnings };
}

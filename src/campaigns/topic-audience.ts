// The preferences part of a campaign's audience: its topics (a campaign that names none goes to the
// campaignDefault topic in templates/topics.yaml) and nobody on a break at the moment their page is read.
import type { SQL } from "drizzle-orm";
import type { Topics } from "../content/index.ts";
import type { CampaignAudience } from "../db/schema.ts";
import { notPausedCondition } from "../subscribers/pause.ts";
import { inAnyTopicCondition } from "../subscribers/topics.ts";

export type AudiencePreferences = { topics: Topics; now: Date };

/** The topics a campaign goes to. */
export function campaignTopics(
  topics: Pick<Topics, "campaignDefault">,
  audience: CampaignAudience,
): string[] {
  return audience.topics && audience.topics.length > 0 ? audience.topics : [topics.campaignDefault.id];
}

/** In one of the campaign's topics (who the campaign is for; the audience figure counts these). */
export function topicConditions(topics: Topics, audience: CampaignAudience): SQL[] {
  return [inAnyTopicCondition(topics, campaignTopics(topics, audience))];
}

/** Who may be mailed now: in a topic and not on a break. */
export function preferenceConditions(audience: CampaignAudience, prefs: AudiencePreferences): SQL[] {
  return [...topicConditions(prefs.topics, audience), notPausedCondition(prefs.now)];
}

/** Topic ids in an audience that templates/topics.yaml does not know. */
export function unknownTopics(topics: Pick<Topics, "list">, audience: CampaignAudience): string[] {
  return (audience.topics ?? []).filter((id) => !topics.list.some((t) => t.id === id));
}

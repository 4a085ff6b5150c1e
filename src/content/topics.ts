// Topics are content like the lessons: templates/topics.yaml names what a reader can choose on the preferences
// page. Its version is recorded with every topic change (consents.wording_version), so the record names exactly
// the wording the reader saw.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { RawContentFile } from "./schema.ts";

export const TOPICS_PATH = "templates/topics.yaml";

/** `on`/`off` read as the words they are (YAML 1.2 keeps them strings); true/false work too. */
const onOff = z.union([z.boolean(), z.enum(["on", "off"]).transform((v) => v === "on")], {
  error: "use on or off",
});

export const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and dashes (at most 40)"),
    name: z.string().trim().min(2).max(60),
    description: z.string().trim().min(10).max(200),
    default: onOff,
    /** The educational drip series: leaving this topic stops the lessons. */
    series: z.boolean().default(false),
    /** The topic of a campaign whose audience names none. */
    campaignDefault: z.boolean().default(false),
  })
  .strict();
export type Topic = z.infer<typeof topicSchema>;

export const topicsFileSchema = z
  .object({
    version: z.string().trim().min(1).max(100),
    topics: z.array(topicSchema).min(1).max(20),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.topics.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({ code: "custom", path: ["topics", i, "id"], message: `duplicate id "${t.id}"` });
      ids.add(t.id);
      if (t.series && t.campaignDefault) {
        ctx.addIssue({
          code: "custom",
          path: ["topics", i, "campaignDefault"],
          message: "the series topic cannot also be the campaign default",
        });
      }
    });
    for (const flag of ["series", "campaignDefault"] as const) {
      if (file.topics.filter((t) => t[flag]).length !== 1) {
        ctx.addIssue({
          code: "custom",
          path: ["topics"],
          message: `exactly one topic must have ${flag}: true`,
        });
      }
    }
  });

export interface Topics {
  version: string;
  /** In file order: the order the preferences page lists them. */
  list: Topic[];
  /** The educational series topic. */
  series: Topic;
  /** Campaigns that name no topic go to this one. */
  campaignDefault: Topic;
}

type Problem = { file: string; field: string; message: string };

const fieldOf = (path: readonly PropertyKey[]) =>
  path.length === 0 ? "(file)" : path.map((k) => (typeof k === "number" ? `[${k}]` : String(k))).join(".");

export function topicsFrom(files: readonly RawContentFile[], problems: Problem[]): Topics {
  const file = files.find((f) => f.path === TOPICS_PATH);
  const fallback: Topic = {
    id: "",
    name: "",
    description: "",
    default: false,
    series: false,
    campaignDefault: false,
  };
  const missing = { version: "", list: [], series: fallback, campaignDefault: fallback };
  if (!file) {
    problems.push({ file: TOPICS_PATH, field: "(file)", message: "missing" });
    return missing;
  }
  let raw: unknown;
  try {
    raw = parseYaml(file.text);
  } catch (error) {
    problems.push({
      file: TOPICS_PATH,
      field: "(file)",
      message: `invalid YAML: ${(error as Error).message}`,
    });
    return missing;
  }
  const parsed = topicsFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({
        file: TOPICS_PATH,
        field: fieldOf(issue.path).replace(/\.\[/g, "["),
        message: issue.message,
      });
    return missing;
  }
  const list = parsed.data.topics;
  // The refinement guarantees exactly one of each.
  const series = list.find((t) => t.series) as Topic;
  const campaignDefault = list.find((t) => t.campaignDefault) as Topic;
  return { version: parsed.data.version, list, series, campaignDefault };
}

export function topicById(topics: Pick<Topics, "list">, id: string): Topic | undefined {
  return topics.list.find((t) => t.id === id);
}

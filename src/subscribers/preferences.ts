// The preferences page's forms, as zod schemas built from templates/topics.yaml (the one source of the topic
// ids), and the details change (first name, country). Messages are written for the reader: they appear next to
// the field on the page.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Topics } from "../content/index.ts";
import { subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { countryField, firstNameField } from "./input.ts";
import { PAUSE_WEEKS, type PauseWeeks } from "./pause.ts";

/** A form sends a repeated field as an array when ticked more than once, as a string once, not at all never. */
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const TICKED = new Set(["on", "yes", "true", "1"]);

export function detailsFormSchema(topics: Pick<Topics, "list">) {
  const ids = topics.list.map((t) => t.id);
  return z.object({
    topics: z.preprocess(
      list,
      z
        .array(
          z
            .string({ error: "Choose topics from the list." })
            .refine((id) => ids.includes(id), "We don't have that topic. Choose from the list."),
        )
        .max(ids.length, "Choose topics from the list."),
    ),
    firstName: firstNameField,
    country: countryField({
      notText: "Choose a country from the list.",
      invalid: "Choose a country from the list.",
    }),
  });
}
export type DetailsForm = z.output<ReturnType<typeof detailsFormSchema>>;

export const pauseFormSchema = z.object({
  weeks: z.preprocess(
    (v) => (typeof v === "string" && /^\d{1,3}$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: "Choose how long your break should be." })
      .refine((n): n is PauseWeeks => (PAUSE_WEEKS as readonly number[]).includes(n), {
        message: `Choose a break of ${PAUSE_WEEKS.slice(0, -1).join(", ")} or ${PAUSE_WEEKS.at(-1)} weeks.`,
      })
      .transform((n) => n as PauseWeeks),
  ),
  welcomeBack: z.preprocess((v) => typeof v === "string" && TICKED.has(v.trim().toLowerCase()), z.boolean()),
});
export type PauseForm = z.output<typeof pauseFormSchema>;

/** First name and country (which picks the crisis line in every email and page). Blank clears either. */
export async function updateDetails(
  deps: Pick<AppDeps, "db" | "now">,
  subscriberId: string,
  details: Pick<DetailsForm, "firstName" | "country">,
): Promise<void> {
  await deps.db
    .update(subscribers)
    .set({ firstName: details.firstName ?? null, country: details.country ?? null, updatedAt: deps.now() })
    .where(eq(subscribers.id, subscriberId));
}

// Request bodies of the campaign admin API. Messages are written for the marketer reading the 422.
import { z } from "zod";
import { sourceSchema } from "../content/schema.ts";
import { COUNTRY, LOCALE } from "../subscribers/input.ts";
import { tagSchema } from "../subscribers/tags.ts";
import { PLACEHOLDER_PREFIX } from "./personalise.ts";

export const audienceSchema = z
  .object({
    /** Ids from templates/topics.yaml (checked against it when the campaign is created). */
    topics: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use topic ids from templates/topics.yaml."),
      )
      .max(20, "At most 20 topics.")
      .optional(),
    tags: z.array(tagSchema).max(20, "At most 20 tags.").optional(),
    locales: z
      .array(
        z
          .string()
          .trim()
          .regex(LOCALE, 'Use language tags like "en" or "en-GB".')
          .transform((v) => v.replace(/_/g, "-")),
      )
      .max(20, "At most 20 locales.")
      .optional(),
    countries: z
      .array(
        z
          .string()
          .trim()
          .regex(COUNTRY, 'Use two-letter country codes like "US".')
          .transform((v) => v.toUpperCase()),
      )
      .max(50, "At most 50 countries.")
      .optional(),
  })
  .strict();

const noPlaceholder = (v: string) => !v.includes(PLACEHOLDER_PREFIX);
const PLACEHOLDER_MESSAGE = `Must not contain "${PLACEHOLDER_PREFIX}" (reserved for personalisation).`;

const INLINE_FIELDS = ["subject", "preheader", "bodyMarkdown", "authorId"] as const;

/** The editable fields of a campaign, shared by create and update so both say the same about bad input. */
const contentFields = {
  name: z
    .string()
    .trim()
    .min(3, "Name: at least 3 characters.")
    .max(120, "Name: at most 120 characters.")
    .optional(),
  subject: z
    .string()
    .trim()
    .min(3, "Subject: at least 3 characters.")
    .max(78, "Subject: at most 78 characters.")
    .refine(noPlaceholder, PLACEHOLDER_MESSAGE)
    .optional(),
  preheader: z
    .string()
    .trim()
    .min(3, "Preheader: at least 3 characters.")
    .max(140, "Preheader: at most 140 characters.")
    .refine(noPlaceholder, PLACEHOLDER_MESSAGE)
    .optional(),
  bodyMarkdown: z
    .string()
    .trim()
    .min(1, "The body is empty.")
    .max(50_000, "Body: at most 50,000 characters.")
    .refine(noPlaceholder, PLACEHOLDER_MESSAGE)
    .optional(),
  authorId: z.string().trim().min(1, "Name the author by id (templates/authors.yaml).").optional(),
  sources: z.array(sourceSchema).max(50).optional(),
  audience: audienceSchema.optional(),
};

export const createCampaignSchema = z
  .object({
    ...contentFields,
    /** A file in templates/campaigns/ (its front matter id). */
    templateId: z
      .string()
      .regex(/^[a-z0-9-]+$/, "Template ids are lower-case letters, digits and dashes.")
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.templateId !== undefined) {
      for (const key of [...INLINE_FIELDS, "sources"] as const) {
        if (value[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "Give either templateId or inline content, not both.",
          });
        }
      }
      return;
    }
    for (const key of INLINE_FIELDS) {
      if (value[key] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "Required for inline content (or give a templateId).",
        });
      }
    }
  });
export type CreateCampaignInput = z.output<typeof createCampaignSchema>;

/** A change to a draft: any of the fields, at least one. Changing what it says voids its review. */
export const updateCampaignSchema = z
  .object(contentFields)
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), {
    message: "Give at least one field to change.",
  });
export type UpdateCampaignInput = z.output<typeof updateCampaignSchema>;

/** A reviewer's decision through the admin API, which names the reviewer account (the token is nobody). */
export const reviewDecisionSchema = z
  .object({
    reviewer: z.string().trim().pipe(z.email("Name the reviewer by the email address of their account.")),
    /** The content hash the reviewer read (GET /:id shows it); refused if the campaign changed since. */
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "Use the contentHash from GET /api/admin/campaigns/:id.")
      .optional(),
  })
  .strict();

export const returnDecisionSchema = z
  .object({
    reviewer: z.string().trim().pipe(z.email("Name the reviewer by the email address of their account.")),
    comment: z
      .string({ error: "Say what needs to change." })
      .trim()
      .min(1, "Say what needs to change.")
      .max(2000, "Keep the comment under 2,000 characters."),
  })
  .strict();

/** Inngest sleeps up to a year. */
const MAX_SCHEDULE_MS = 365 * 24 * 60 * 60 * 1000;

export const sendCampaignSchema = z
  .object({
    scheduledAt: z.iso
      .datetime({
        offset: true,
        error: 'Use an ISO 8601 date and time with a zone, like "2026-12-01T09:00:00Z".',
      })
      .optional(),
    acknowledgeWarnings: z.boolean({ error: "acknowledgeWarnings must be true or false." }).optional(),
    /** A campaign that nobody matches is refused unless this says it is meant (e.g. a scheduled test run). */
    allowEmpty: z.boolean({ error: "allowEmpty must be true or false." }).optional(),
    /** "09:00": each reader gets it at this time in their own zone (src/campaigns/local-time.ts). */
    localTime: z
      .string({ error: 'Use a local time like "09:00".' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a local time like "09:00" (24-hour clock).')
      .optional(),
    /** With localTime: the local date; without it, the next such time in each zone. */
    localDate: z.iso.date({ error: 'Use a local date like "2026-12-05".' }).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.localTime !== undefined && value.scheduledAt !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["localTime"],
        message:
          "Give either scheduledAt (one moment for everyone) or localTime (each reader's own), not both.",
      });
    }
    if (value.localDate !== undefined && value.localTime === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["localDate"],
        message: 'localDate needs a localTime, like "09:00".',
      });
    }
  });
export type SendCampaignInput = z.output<typeof sendCampaignSchema>;

/** Checks a schedule against the clock; returns the problem, if any. */
export function scheduleProblem(scheduledAt: Date, now: Date): string | undefined {
  if (scheduledAt.getTime() <= now.getTime()) return "Must be in the future; leave it out to send now.";
  if (scheduledAt.getTime() - now.getTime() > MAX_SCHEDULE_MS) return "Must be within a year.";
  return undefined;
}

export const testSendSchema = z
  .object({
    to: z
      .array(z.string().trim().pipe(z.email("Enter valid email addresses.")), {
        error: "Give a list of addresses.",
      })
      .min(1, "Give at least one address.")
      .max(5, "At most 5 test addresses."),
    /** Preview the greeting with a name; without it the test shows "Hello,". */
    firstName: z.string().trim().max(50, "Keep the first name under 50 characters.").optional(),
  })
  .strict();

export const resumeCampaignSchema = z
  .object({
    acknowledgeComplaintRate: z
      .boolean({ error: "acknowledgeComplaintRate must be true or false." })
      .optional(),
  })
  .strict();

export const listCampaignsQuery = z.object({
  status: z.enum(["draft", "scheduled", "sending", "paused", "sent", "cancelled", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `nextCursor` of the previous page. */
  before: z
    .string()
    .regex(/^\d+\.[A-Za-z0-9_-]+$/, "Use the nextCursor of the previous page.")
    .optional(),
});

// The shape of everything marketers edit under templates/. These schemas are the single source of the types;
// the loader validates every file against them and names the file and field when one is wrong.
import { z } from "zod";

/** Authors live in templates/authors.yaml; content refers to them by id. */
export const authorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and dashes"),
  name: z.string().min(2),
  role: z.string().min(2),
  /** FTC endorsement guides: a material connection to the brand must be disclosed. */
  disclosure: z.string().min(10).optional(),
  /** True for the person transactional emails are sent in the name of. */
  sender: z.boolean().default(false),
  /** Medical reviewers only: credentials, e.g. "MD, board-certified psychiatrist". */
  credentials: z.string().optional(),
});
export type Author = z.infer<typeof authorSchema>;

export const authorsFileSchema = z
  .object({ authors: z.array(authorSchema).min(1) })
  .refine((f) => f.authors.filter((a) => a.sender).length === 1, {
    message: "exactly one author must have sender: true",
    path: ["authors"],
  });

/** A cited source for a figure or claim in the body (FTC: competent and reliable scientific evidence). */
export const sourceSchema = z.object({
  /** The figure or claim as it appears in the body, e.g. "over 50%". */
  claim: z.string().min(1),
  citation: z.string().min(5),
  url: z.url().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

const isoDate = z.iso.date();

/** Front matter common to lessons and campaign templates. */
export const contentFrontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and dashes"),
  subject: z.string().min(3).max(78),
  preheader: z.string().min(3).max(140),
  author: z.string().min(1),
  reviewer: z.string().optional(),
  reviewedOn: isoDate.optional(),
  /** Author id of the writer whose article this piece was adapted from (credited in the attribution). */
  adaptedFrom: z.string().optional(),
  locale: z.string().default("en"),
  sources: z.array(sourceSchema).default([]),
});

export const lessonFrontMatterSchema = contentFrontMatterSchema.extend({
  order: z.number().int().positive(),
  /** Wait after the previous email (the welcome email for the first lesson), e.g. "2d", "12h". */
  delay: z.string().regex(/^\d+(m|h|d)$/, 'a duration like "2d", "12h" or "30m"'),
});
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

export const campaignFrontMatterSchema = contentFrontMatterSchema.extend({
  name: z.string().min(3).optional(),
});
export type CampaignFrontMatter = z.infer<typeof campaignFrontMatterSchema>;

/** A content file as read from disk (Node) or from the generated bundle (Workers). */
export type RawContentFile = { path: string; text: string };

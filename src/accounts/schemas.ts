// The account shapes, as zod schemas: the role enum here is the one source of the AccountRole type (its values
// come from the table definition, which drizzle needs as a plain tuple). The same schemas validate the console's
// people form, the users CLI and any future API.
import { z } from "zod";
import { ACCOUNT_ROLES, type accounts } from "../db/schema.ts";
import { MAX_LOCAL_PART } from "../lib/email-address.ts";
import { emailField, NAME } from "../subscribers/input.ts";

export const accountRoleSchema = z.enum(ACCOUNT_ROLES, {
  error: `Choose a role: ${ACCOUNT_ROLES.join(", ")}.`,
});
export type AccountRole = z.infer<typeof accountRoleSchema>;

export const accountEmailSchema = emailField({
  required: "Enter an email address.",
  tooLong: "That email address is too long.",
  localTooLong: `The part before the @ can be at most ${MAX_LOCAL_PART} characters.`,
  invalid: "Enter a valid email address, like name@example.com.",
});

export const accountNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Keep the name under 100 characters.")
  .regex(NAME, "Use letters, spaces, apostrophes, dots or hyphens only.")
  .transform((v) => v.normalize("NFC"));

export const newAccountSchema = z.object({
  email: accountEmailSchema,
  name: accountNameSchema,
  role: accountRoleSchema,
});
export type NewAccount = z.output<typeof newAccountSchema>;

export type AccountRow = typeof accounts.$inferSelect;

/** What pages and the CLI see of an account: no hash. */
export type Account = Pick<
  AccountRow,
  "id" | "email" | "name" | "role" | "title" | "createdAt" | "removedAt"
>;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    title: row.title,
    createdAt: row.createdAt,
    removedAt: row.removedAt,
  };
}

/** A reviewer's clinical title, printed after their name in every email they approve. */
export const accountTitleSchema = z
  .string({ error: 'Enter a title, like "Medical editor".' })
  .trim()
  .min(2, 'Enter a title, like "Medical editor".')
  .max(80, "Keep the title under 80 characters.")
  // A full stop would end the "Reviewed by NAME, TITLE, on DATE." sentence early; markup has no place in it.
  .regex(/^[^.<>\n]+$/, 'Use letters, commas and spaces (no full stops), e.g. "Psychiatrist, MD".')
  .transform((v) => v.normalize("NFC"));

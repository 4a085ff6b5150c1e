// Names the people behind every email (safety rule 5, FTC 16 CFR 255). The send gate looks for the
// "Written by <name>, <role>" or "Sent by <name>, <role>" line this component prints, so keep that wording.
// The clinical review (safety rule 23) reads "Reviewed by <name>, <role>, on <date>." for lessons (a reviewer in
// their front matter) and campaigns (the reviewer account that approved it) alike.
import { Text } from "@react-email/components";
import type { Author } from "../../content/schema.ts";
import { Box } from "./box.tsx";
import { cls } from "./styles.ts";
import { colors, fontSizes, lineHeights, space, typeface } from "./theme.ts";

/** A reviewer as printed: an author from templates/authors.yaml, or a reviewer account's name and title. */
export type Reviewer = Pick<Author, "name" | "role"> & Partial<Pick<Author, "credentials" | "disclosure">>;

export type AttributionProps =
  | {
      /** Lessons and campaigns: the author, optional adapted-from writer and medical reviewer. */
      kind: "content";
      author: Author;
      adaptedFrom?: Author | undefined;
      reviewer?: Reviewer | undefined;
      /** ISO date of the review; shown with the reviewer. */
      reviewedOn?: string | undefined;
    }
  | {
      /** Confirmation, welcome, goodbye: the person the newsletter is sent by. */
      kind: "sender";
      sender: Author;
    };

const text = {
  ...typeface,
  color: colors.text,
  fontSize: fontSizes.body,
  lineHeight: lineHeights.body,
  margin: `0 0 ${space.xs}`,
};
const muted = { ...text, color: colors.muted, fontSize: fontSizes.small, lineHeight: "22px" };

function credit(person: Reviewer): string {
  const credentials = person.credentials ? `, ${person.credentials}` : "";
  return `${person.name}${credentials}, ${person.role}`;
}

function byline(prefix: string, person: Reviewer): string {
  return `${prefix} ${credit(person)}.`;
}

/** "Reviewed by Dr Ana Ruiz, Medical editor, on December 2, 2026." (no date: "Reviewed by …, Medical editor.") */
export function reviewLine(reviewer: Reviewer, reviewedOn: string | undefined): string {
  return reviewedOn
    ? `Reviewed by ${credit(reviewer)}, on ${humanDate(reviewedOn)}.`
    : byline("Reviewed by", reviewer);
}

/** Formats an ISO date for people without depending on the runtime's Intl data (Workers and Node agree). */
function humanDate(iso: string): string {
  const months = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ];
  const [y, m, d] = iso.split("-").map(Number);
  const month = m ? months[m - 1] : undefined;
  return month && d && y ? `${month} ${d}, ${y}` : iso;
}

export function Attribution(props: AttributionProps) {
  const people =
    props.kind === "content" ? [props.author, props.adaptedFrom, props.reviewer] : [props.sender];
  const disclosures = [...new Set(people.flatMap((p) => (p?.disclosure ? [p.disclosure] : [])))];
  return (
    <Box
      marker="attribution"
      className={cls.rule}
      style={{ borderTop: `1px solid ${colors.border}`, padding: `${space.md} 0 ${space.lg}` }}
    >
      {props.kind === "content" ? (
        <>
          <Text className={cls.text} style={text}>
            {byline("Written by", props.author)}
          </Text>
          {props.adaptedFrom ? (
            <Text className={cls.text} style={text}>
              {byline("Adapted from an article by", props.adaptedFrom)}
            </Text>
          ) : null}
          {props.reviewer ? (
            <Text className={cls.text} style={text}>
              {reviewLine(props.reviewer, props.reviewedOn)}
            </Text>
          ) : null}
        </>
      ) : (
        <Text className={cls.text} style={text}>
          {byline("Sent by", props.sender)}
        </Text>
      )}
      {disclosures.length > 0 ? (
        <Text className={cls.muted} style={muted}>
          Disclosure: {disclosures.join(" ")}
        </Text>
      ) : null}
      {props.kind === "content" ? (
        <Text className={cls.muted} style={muted}>
          This email is general education, not medical advice. Please talk to a qualified clinician about your
          own care.
        </Text>
      ) : null}
    </Box>
  );
}

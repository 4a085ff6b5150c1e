/** @jsxImportSource hono/jsx */
// The audience builder: tags, locales and countries (all optional; empty means every active subscriber), with how
// many people it reaches now. The audience script updates the count as the fields change.
import type { CampaignAudience } from "../../../db/schema.ts";
import { CsrfField } from "../../components/csrf-field.tsx";
import { fmt } from "../shared.ts";

export function AudienceForm(props: {
  campaignId: string;
  audience: CampaignAudience;
  count: number;
  csrfToken: string;
  editable: boolean;
  errors?: Record<string, string[]> | undefined;
  /** templates/topics.yaml: a campaign goes to readers who chose one of its topics (none: the default topic). */
  topics: readonly { id: string; name: string; campaignDefault: boolean }[];
}) {
  const { audience, errors } = props;
  const field = (name: "topics" | "tags" | "locales" | "countries", label: string, hint: string) => (
    <div>
      <label for={`field-${name}`}>{label}</label>
      <p class="hint" id={`field-${name}-hint`}>
        {hint}
      </p>
      <input
        id={`field-${name}`}
        name={name}
        type="text"
        value={(audience[name] ?? []).join(", ")}
        disabled={!props.editable}
        aria-invalid={errors?.[name]?.length ? "true" : undefined}
        aria-describedby={`field-${name}-hint${errors?.[name]?.length ? ` field-${name}-error` : ""}`}
      />
      {errors?.[name]?.length ? (
        <p class="error" id={`field-${name}-error`}>
          {errors[name].join(" ")}
        </p>
      ) : null}
    </div>
  );
  return (
    <section class="panel" aria-labelledby="audience-title" id="audience">
      <h2 id="audience-title">Audience</h2>
      <form
        method="post"
        action={`/admin/campaigns/${props.campaignId}/audience`}
        id="audience-form"
        data-count-url="/admin/campaigns/audience-count"
      >
        <CsrfField token={props.csrfToken} />
        <div class="inline-fields">
          {field(
            "topics",
            "Topics",
            `Topic ids, comma-separated: ${props.topics.map((t) => `${t.id} (${t.name})`).join(", ")}. Empty: ${
              props.topics.find((t) => t.campaignDefault)?.id ?? "the default topic"
            }.`,
          )}
          {field("tags", "Tags", "Comma-separated, e.g. news, webinar-2026. Anyone with one of them.")}
          {field("locales", "Locales", "Language tags, e.g. en, es. Empty: every language.")}
          {field("countries", "Countries", "Two-letter codes, e.g. US, CA. Empty: every country.")}
        </div>
        <p>
          Active subscribers it reaches now:{" "}
          <strong id="audience-count" aria-live="polite">
            {fmt(props.count)}
          </strong>
        </p>
        {props.editable ? <button type="submit">Save audience</button> : null}
      </form>
    </section>
  );
}

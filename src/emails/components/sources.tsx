// Citations for every figure in the body (FTC substantiation, safety rule 7), shown under the content.
import { Link, Section, Text } from "@react-email/components";
import type { Source } from "../../content/schema.ts";
import { colors, fontSizes, space } from "./theme.ts";

const small = {
  color: colors.muted,
  fontSize: fontSizes.small,
  lineHeight: "22px",
  margin: `0 0 ${space.sm}`,
};

export function Sources({ sources }: { sources: readonly Source[] }) {
  if (sources.length === 0) return null;
  return (
    <Section style={{ margin: `${space.md} 0` }}>
      <Text style={{ ...small, fontWeight: 700, color: colors.text }}>Sources</Text>
      {sources.map((s, i) => (
        <Text key={`${s.claim}|${s.citation}`} style={small}>
          {i + 1}. "{s.claim}": {s.citation}
          {s.url ? (
            <>
              {" "}
              <Link href={s.url} style={{ color: colors.link, textDecoration: "underline" }}>
                {s.url}
              </Link>
            </>
          ) : null}
        </Text>
      ))}
    </Section>
  );
}

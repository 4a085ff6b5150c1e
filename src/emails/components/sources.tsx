// Citations for every figure in the body (FTC substantiation, safety rule 7), shown under the content.
import { Link, Text } from "@react-email/components";
import type { Source } from "../../content/schema.ts";
import { Box } from "./box.tsx";
import { cls } from "./styles.ts";
import { breakAnywhere, colors, linkText, smallText as small, space } from "./theme.ts";

export function Sources({ sources }: { sources: readonly Source[] }) {
  if (sources.length === 0) return null;
  return (
    <Box style={{ padding: `${space.sm} 0 ${space.md}` }}>
      <Text className={cls.text} style={{ ...small, fontWeight: 700, color: colors.text }}>
        Sources
      </Text>
      {sources.map((s, i) => (
        <Text key={`${s.claim}|${s.citation}`} className={cls.muted} style={small}>
          {i + 1}. "{s.claim}": {s.citation}
          {s.url ? (
            <>
              {" "}
              <Link href={s.url} className={cls.link} style={{ ...linkText, ...breakAnywhere }}>
                {s.url}
              </Link>
            </>
          ) : null}
        </Text>
      ))}
    </Box>
  );
}

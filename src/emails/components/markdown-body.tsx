import { Markdown } from "@react-email/components";
import { markdownWithoutHtml } from "../escape.ts";
import { colors, fontSizes, lineHeights, space } from "./theme.ts";

const text = { color: colors.text, fontSize: fontSizes.body, lineHeight: lineHeights.body };

/** Renders lesson and campaign Markdown with the theme; raw HTML in the source is shown as text, never run. */
export function MarkdownBody({ children }: { children: string }) {
  return (
    <Markdown
      markdownContainerStyles={{ margin: `0 0 ${space.md}` }}
      markdownCustomStyles={{
        h1: { ...text, fontSize: fontSizes.h1, lineHeight: lineHeights.heading },
        h2: {
          ...text,
          fontSize: fontSizes.h2,
          lineHeight: lineHeights.heading,
          margin: `${space.lg} 0 ${space.sm}`,
        },
        h3: { ...text, fontSize: fontSizes.h3, lineHeight: lineHeights.heading },
        p: { ...text, margin: `0 0 ${space.md}` },
        li: text,
        link: { color: colors.link, textDecoration: "underline" },
      }}
    >
      {markdownWithoutHtml(children)}
    </Markdown>
  );
}

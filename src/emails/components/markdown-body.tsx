import { Markdown } from "@react-email/components";
import { markdownWithoutHtml } from "../escape.ts";
import { cls } from "./styles.ts";
import { colors, fontSizes, lineHeights, space, typeface } from "./theme.ts";

const text = { ...typeface, color: colors.text, fontSize: fontSizes.body, lineHeight: lineHeights.body };

/** Renders lesson and campaign Markdown with the theme; raw HTML in the source is shown as text, never run. */
export function MarkdownBody({ children }: { children: string }) {
  return (
    // The class lets the dark-mode sheet recolour what the Markdown renderer styled inline.
    <div className={cls.markdown}>
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
          // Bare URLs in a lesson are link text too: let them wrap on a phone.
          link: { ...typeface, color: colors.link, textDecoration: "underline", wordBreak: "break-word" },
          td: text,
        }}
      >
        {markdownWithoutHtml(children)}
      </Markdown>
    </div>
  );
}

// Our own preheader instead of @react-email's <Preview>: a single flat element carrying data-preheader, so the
// send gate can strip hidden inbox-preview text exactly and never count it as a visible footer.
import { colors } from "./theme.ts";

const FILLER = "\u00a0\u200c".repeat(60);

export function Preheader({ text }: { text: string }) {
  return (
    <div
      data-preheader="true"
      data-skip-in-text="true"
      style={{
        display: "none",
        overflow: "hidden",
        lineHeight: "1px",
        opacity: 0,
        maxHeight: 0,
        maxWidth: 0,
        color: colors.background,
      }}
    >
      {text.slice(0, 140)}
      {FILLER}
    </div>
  );
}

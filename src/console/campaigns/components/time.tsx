/** @jsxImportSource hono/jsx */
// A time as UTC text in a <time> element; the console's local-time script adds the viewer's own time zone beside
// it ("· 10:30 in Europe/Berlin"), so both are shown with JavaScript and UTC alone without.
import { utc } from "../shared.ts";

export function Time({ at }: { at: Date | string | null | undefined }) {
  if (!at) return null;
  const iso = typeof at === "string" ? at : at.toISOString();
  return (
    <time datetime={iso} data-local="">
      {utc(at)}
    </time>
  );
}

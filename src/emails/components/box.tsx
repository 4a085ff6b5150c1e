// A one-cell layout table. Outlook for Windows ignores padding on <table> and <p> (React Email's Section and
// Text put it there), so anything that needs padding or a border gets it on the cell instead.
import type { CSSProperties, ReactNode } from "react";

export interface BoxProps {
  /** Styles for the cell: padding, border, background. */
  style?: CSSProperties;
  className?: string;
  /** Marks the box for the send gate's tests and the layout checks (e.g. "crisis-footer"). */
  marker?: string;
  children: ReactNode;
}

export function Box({ style, className, marker, children }: BoxProps) {
  const data = marker ? { [`data-${marker}`]: "true" } : {};
  return (
    <table
      role="presentation"
      width="100%"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      style={{ borderCollapse: "separate", width: "100%" }}
      {...data}
    >
      <tbody>
        <tr>
          <td className={className} style={style}>
            {children}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

// Outlook for Windows ignores max-width, so without a fixed-width table the email stretches across its reading
// pane. React cannot print HTML comments, so Layout prints two placeholder elements and renderEmail swaps them
// for conditional comments only Outlook's Word engine reads. Every other client sees nothing.
import { layout } from "./theme.ts";

export const MSO_OPEN_TAG = "hm-mso-open";
export const MSO_CLOSE_TAG = "hm-mso-close";

const OPEN = `<!--[if mso]><table role="presentation" align="center" width="${layout.width}" cellpadding="0" cellspacing="0" border="0" style="width:${layout.width}px"><tr><td><![endif]-->`;
const CLOSE = "<!--[if mso]></td></tr></table><![endif]-->";

/** Replaces the placeholders Layout printed with Outlook's conditional 600 px wrapper. */
export function withOutlookWrapper(html: string): string {
  return html
    .replace(`<${MSO_OPEN_TAG}></${MSO_OPEN_TAG}>`, OPEN)
    .replace(`<${MSO_CLOSE_TAG}></${MSO_CLOSE_TAG}>`, CLOSE);
}

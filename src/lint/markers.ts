// Reviewer allow markers: <!-- lint-allow absolute-claims, suicide-language: reviewed by Dr. Ana Ruiz on 2026-11-27 -->
// A marker is an audit record as much as a switch, so one that names no rule or no reviewer is an error rather
// than a silent blanket exemption.

export interface AllowMarker {
  /** Offsets in the body text. */
  start: number;
  end: number;
  ruleIds: string[];
  /** Set when the marker is malformed; a malformed marker allows nothing. */
  problem?: string;
  used: boolean;
}

export function parseMarkers(
  body: string,
  known: ReadonlySet<string>,
  allowable: ReadonlySet<string>,
): AllowMarker[] {
  const markers: AllowMarker[] = [];
  for (const m of body.matchAll(/<!--\s*lint-(allow|disable|ignore)\b([\s\S]*?)-->/gi)) {
    const marker: AllowMarker = { start: m.index, end: m.index + m[0].length, ruleIds: [], used: false };
    markers.push(marker);
    if (m[1]?.toLowerCase() !== "allow") {
      marker.problem = `write "lint-allow", not "lint-${m[1]}"`;
      continue;
    }
    const inner = (m[2] ?? "").trim();
    const colon = inner.indexOf(":");
    const ids = (colon === -1 ? inner : inner.slice(0, colon)).split(/[\s,]+/).filter(Boolean);
    const reason = colon === -1 ? "" : inner.slice(colon + 1).trim();
    marker.ruleIds = ids;
    const unknown = ids.find((id) => !known.has(id));
    const fixed = ids.find((id) => known.has(id) && !allowable.has(id));
    if (ids.length === 0) marker.problem = "the marker names no rule id";
    else if (unknown)
      marker.problem = `unknown rule id "${unknown}" (write "rule-id: reviewed by NAME on DATE")`;
    else if (fixed) marker.problem = `rule "${fixed}" cannot be allowed by a marker`;
    else if (reason === "") marker.problem = "the marker does not say who reviewed it";
    if (marker.problem) marker.ruleIds = [];
  }
  return markers;
}

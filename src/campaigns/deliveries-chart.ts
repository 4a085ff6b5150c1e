// Deliveries over time as a bar chart in SVG, drawn on the server: no chart library and no script, so it shows
// the same with JavaScript off and passes a strict Content-Security-Policy (presentation attributes only, no
// style attributes). Screen readers get the title and a sentence that says what the bars show.
import { escapeHtml } from "../emails/escape.ts";
import type { DeliverySeries } from "./report.ts";

export type ChartOptions = {
  /** Makes the title/desc ids unique when a page holds more than one chart. */
  idPrefix?: string;
  width?: number;
  height?: number;
  title?: string;
};

const PAD = { top: 16, right: 16, bottom: 40, left: 56 };
const BAR_COLOUR = "#1f5f5b";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** "14:05" within a day, "Dec 2 14:05" across days; always UTC (the chart says so), no Intl needed. */
function label(iso: string, acrossDays: boolean): string {
  const d = new Date(iso);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return acrossDays ? `${months[d.getUTCMonth()]} ${d.getUTCDate()} ${time}` : time;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${ms / 1000}-second`;
  if (ms < 3_600_000) return `${ms / 60_000}-minute`;
  if (ms < 86_400_000) return `${ms / 3_600_000}-hour`;
  return "1-day";
}

/** A "nice" axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function deliveriesChartSvg(series: DeliverySeries, options: ChartOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const prefix = options.idPrefix ?? "deliveries";
  const title = escapeHtml(options.title ?? "Deliveries over time");
  const points = series.points;
  const total = points.reduce((sum, p) => sum + p.delivered, 0);
  const first = points[0];
  const last = points[points.length - 1];

  const open = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" font-family="system-ui, sans-serif" font-size="12">`;
  if (!first || !last || total === 0) {
    return `${open}<title id="${prefix}-title">${title}</title><desc id="${prefix}-desc">No deliveries have been reported for this campaign yet.</desc><text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="currentColor">No deliveries reported yet</text></svg>`;
  }

  const busiest = points.reduce((a, b) => (b.delivered > a.delivered ? b : a));
  const acrossDays = first.at.slice(0, 10) !== last.at.slice(0, 10);
  const end = new Date(new Date(last.at).getTime() + series.bucketMs).toISOString();
  const desc = escapeHtml(
    `${total} ${total === 1 ? "message" : "messages"} delivered between ${label(first.at, acrossDays)} and ${label(end, acrossDays)} UTC, ` +
      `in ${duration(series.bucketMs)} intervals; the busiest interval, from ${label(busiest.at, acrossDays)}, had ${busiest.delivered}.`,
  );

  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = niceMax(busiest.delivered);
  const slot = plotW / points.length;
  const barW = Math.max(1, slot * 0.8);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const f = (n: number) => Number(n.toFixed(2));

  const grid = [0, max / 2, max]
    .map((v) => {
      const gy = f(y(v));
      const text = Number.isInteger(v) ? String(v) : v.toFixed(1);
      return `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${gy}" y2="${gy}" stroke="currentColor" stroke-opacity="0.25"/><text x="${PAD.left - 8}" y="${gy + 4}" text-anchor="end" fill="currentColor">${text}</text>`;
    })
    .join("");
  const bars = points
    .map((p, i) => {
      const top = f(y(p.delivered));
      const h = f(PAD.top + plotH - top);
      const x = f(PAD.left + i * slot + (slot - barW) / 2);
      return `<rect x="${x}" y="${top}" width="${f(barW)}" height="${h}" fill="${BAR_COLOUR}"><title>${escapeHtml(label(p.at, acrossDays))} UTC: ${p.delivered} delivered</title></rect>`;
    })
    .join("");
  const ticks = [0, Math.floor((points.length - 1) / 2), points.length - 1]
    .filter((v, i, all) => all.indexOf(v) === i)
    .map((i) => {
      const p = points[i] as (typeof points)[number];
      const x = f(PAD.left + i * slot + slot / 2);
      return `<text x="${x}" y="${height - PAD.bottom + 18}" text-anchor="middle" fill="currentColor">${escapeHtml(label(p.at, acrossDays))}</text>`;
    })
    .join("");
  const axisLabel = `<text x="${PAD.left + plotW / 2}" y="${height - 6}" text-anchor="middle" fill="currentColor">Time (UTC), ${duration(series.bucketMs)} intervals</text>`;

  return `${open}<title id="${prefix}-title">${title}</title><desc id="${prefix}-desc">${desc}</desc>${grid}${bars}${ticks}${axisLabel}</svg>`;
}

// `npm run bench:render` (NODE_ENV=production): warm renders per second, HTML plus plain text, for every
// template and every lesson. Each sample is warmed up first so JIT and module loading are not measured.
import { performance } from "node:perf_hooks";
import { loadContentFromDisk } from "../src/content/node.ts";
import { emailSamples } from "../src/emails/catalog.ts";
import { renderEmail } from "../src/emails/render.ts";

const WARMUP = 30;
const WINDOWS = 5;
const WINDOW_MS = 300;

if (process.env.NODE_ENV !== "production")
  console.warn("warning: NODE_ENV is not production; React is slower");

const samples = emailSamples(loadContentFromDisk());
// Warm every code path once before timing anything, so the first sample does not pay for JIT and GC setup.
for (let round = 0; round < WARMUP; round++) {
  for (const sample of samples) await renderEmail(sample.templateId, sample.props);
}

const rows: { name: string; perSecond: number; meanMs: number; kb: number }[] = [];
for (const sample of samples) {
  const { html } = await renderEmail(sample.templateId, sample.props);
  // Median of several short windows: robust against a busy machine stealing one window.
  const rates: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < WINDOW_MS) {
      await renderEmail(sample.templateId, sample.props);
      n++;
    }
    rates.push((n / (performance.now() - start)) * 1000);
  }
  const perSecond = rates.sort((a, b) => a - b)[Math.floor(WINDOWS / 2)] ?? 0;
  rows.push({ name: sample.name, perSecond, meanMs: 1000 / perSecond, kb: Buffer.byteLength(html) / 1024 });
}

const width = Math.max(...rows.map((r) => r.name.length));
console.info(
  `${"email".padEnd(width)}  renders/s  ms/render  html KB   (HTML + text, warm, median of ${WINDOWS} windows, Node ${process.version})`,
);
for (const r of rows) {
  console.info(
    `${r.name.padEnd(width)}  ${r.perSecond.toFixed(0).padStart(9)}  ${r.meanMs.toFixed(2).padStart(9)}  ${r.kb.toFixed(1).padStart(7)}`,
  );
}

// `npm run email:check`: what a designer runs before sending. Every email and lesson, for every crisis-line
// country (US, CA, GB, IE, none), rendered in headless Chromium at 375 and 600 px in light, dark and forced dark:
// fails on sideways scrolling or a crisis line off screen; checks caniemail.com's support data for Gmail,
// Outlook, Apple Mail, Yahoo and Samsung and fails on any unsupported feature not on the allowlist. Writes
// screenshots and a one-page report to out/email-check/ (index.html).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadContentFromDisk, REPO_ROOT } from "../src/content/node.ts";
import { escapeHtml } from "../src/emails/escape.ts";
import { ALLOWED, clientFindings, FAMILIES, type Family } from "./email-check/clients.ts";
import { checkLayout, launch, MODES, WIDTHS } from "./email-check/layout.ts";
import { checkedEmails } from "./email-check/messages.ts";

const outDir = join(REPO_ROOT, "out/email-check");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, "shots"), { recursive: true });

const emails = await checkedEmails(loadContentFromDisk());
const failures: string[] = [];
const rows: string[] = [];
const clientRows: string[] = [];
const families = Object.keys(FAMILIES) as Family[];

const seen = new Set<string>();
for (const email of emails) {
  // Client support depends on the markup, which is the same for every country: check each sample once.
  if (seen.has(email.sample)) continue;
  seen.add(email.sample);
  const findings = clientFindings(email.message.html);
  const cells = families.map((f) => {
    const x = findings[f];
    for (const e of x.errors)
      failures.push(`${email.sample}: ${f} does not support "${e}" (not on the allowlist)`);
    return `<td class="${x.errors.length ? "bad" : "ok"}">${x.errors.length} unsupported${x.errors.length ? `: ${escapeHtml(x.errors.join(", "))}` : ""}<br><small>${x.allowed.length} allowed, ${x.partial.length} partial</small></td>`;
  });
  const kb = (Buffer.byteLength(email.message.html) / 1024).toFixed(1);
  clientRows.push(`<tr><th>${escapeHtml(email.sample)}</th><td>${kb} KB</td>${cells.join("")}</tr>`);
}

for (const mode of MODES) {
  const browser = await launch(mode === "forced-dark");
  const page = await browser.newPage();
  for (const email of emails) {
    for (const width of WIDTHS) {
      const result = await checkLayout(page, email.message.html, width, mode);
      const shot = `shots/${email.id}-${width}-${mode}.png`;
      // Screenshots of the phone width for every variant; the wide one in light mode only (for review).
      if (width === 375 || mode === "light")
        await page.screenshot({ path: join(outDir, shot), fullPage: true });
      for (const p of result.problems) failures.push(`${email.id} at ${width}px, ${mode}: ${p}`);
      rows.push(
        `<tr class="${result.problems.length ? "bad" : "ok"}"><th>${escapeHtml(email.id)}</th><td>${width}px</td><td>${mode}</td><td>${result.scrollWidth}px</td><td>${result.problems.length ? escapeHtml(result.problems.join("; ")) : "ok"}</td><td>${width === 375 || mode === "light" ? `<a href="${shot}">screenshot</a>` : ""}</td></tr>`,
      );
    }
  }
  await browser.close();
}

const allowlist = Object.entries(ALLOWED)
  .map(([feature, reason]) => `<li><b>${escapeHtml(feature)}</b>: ${escapeHtml(reason)}</li>`)
  .join("");
writeFileSync(
  join(outDir, "index.html"),
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>email:check</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.bad{background:#fde2e2}.ok td.ok,.ok{background:#eef8ef}</style>
<h1>email:check: ${failures.length === 0 ? "passed" : `${failures.length} problem(s)`}</h1>
<p>${emails.length} emails (${seen.size} templates and content files × US, CA, GB, IE, no country), each at ${WIDTHS.join(" and ")} px in ${MODES.join(", ")}. Generated ${new Date().toISOString()}.</p>
${failures.length ? `<h2>Problems</h2><ul>${failures.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>` : ""}
<h2>Mail client support (caniemail.com data)</h2>
<table><tr><th>email</th><th>HTML</th>${families.map((f) => `<th>${f}</th>`).join("")}</tr>${clientRows.join("")}</table>
<h3>Allowlist: unsupported features we use on purpose</h3><ul>${allowlist}</ul>
<h2>Layout in Chromium</h2>
<table><tr><th>email</th><th>width</th><th>mode</th><th>document width</th><th>result</th><th></th></tr>${rows.join("")}</table>
</html>`,
);

console.info(
  `email:check: ${emails.length} emails × ${WIDTHS.length} widths × ${MODES.length} modes; report in out/email-check/index.html`,
);
if (failures.length > 0) {
  for (const f of failures) console.error(`  - ${f}`);
  console.error(`email:check: ${failures.length} problem(s)`);
  process.exitCode = 1;
}

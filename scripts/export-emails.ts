// `npm run email:export`: every template (PreviewProps), every lesson and every campaign template as .html and
// .txt in out/emails/, for review by marketers and compliance. Also refreshes the content bundle and previews.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../src/content/node.ts";
import { emailSamples } from "../src/emails/catalog.ts";
import { renderEmail } from "../src/emails/render.ts";
import { bundleContent } from "./bundle-content.ts";

const outDir = join(REPO_ROOT, "out/emails");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const { content } = bundleContent(REPO_ROOT);
const samples = emailSamples(content);
for (const sample of samples) {
  const { html, text, subject } = await renderEmail(sample.templateId, sample.props);
  writeFileSync(join(outDir, `${sample.name}.html`), html);
  writeFileSync(join(outDir, `${sample.name}.txt`), `Subject: ${subject}\n\n${text}\n`);
  console.info(
    `${sample.name}: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB html, ${text.length} chars text`,
  );
}
console.info(`email:export: ${samples.length * 2} files in out/emails/`);

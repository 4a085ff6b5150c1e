// Content rules a machine can check (safety-and-compliance.md 6, 7, 9, 10, 15). The colleague's content linter
// goes further; these keep the seed series itself honest.
import { describe, expect, it } from "vitest";
import { loadContentFromDisk, readContentFiles } from "../../src/content/node.ts";

const content = loadContentFromDisk();
const files = readContentFiles().filter((f) => f.path.endsWith(".md"));
const RISKY =
  /\b(cure[sd]?|cure-all|guarantee[sd]?|miracle|100%|permanent(ly)?|instant relief|no side effects|risk-free)\b/i;
const UNSAFE = /committed suicide|successful suicide|failed suicide|epidemic|skyrocket/i;
const HEALTH_IN_SUBJECT =
  /suicid|depress|ketamine|spravato|antidepressant|medication|diagnos|drug|treatment-resistant/i;

describe("content safety", () => {
  it.each(files.map((f) => [f.path, f.text] as const))(
    "%s has no risky claims or unsafe wording",
    (_path, text) => {
      expect(text).not.toMatch(RISKY);
      expect(text).not.toMatch(UNSAFE);
    },
  );

  it("subjects and preheaders carry no health details", () => {
    for (const item of [...content.lessons, ...content.campaignTemplates]) {
      expect(item.subject, item.path).not.toMatch(HEALTH_IN_SUBJECT);
      expect(item.preheader, item.path).not.toMatch(HEALTH_IN_SUBJECT);
    }
  });

  it("never calls ketamine itself FDA-approved, and says it is not", () => {
    const all = content.lessons.map((l) => l.body).join("\n");
    expect(all).toMatch(
      /Ketamine\*?\*? itself is not FDA-approved for depression or any other psychiatric disorder/,
    );
    for (const sentence of all.split(/(?<=[.!?])\s+/)) {
      if (/FDA[- ]approved|approved by the U\.S\. Food/i.test(sentence) && /ketamine/i.test(sentence)) {
        expect(sentence, sentence).toMatch(/esketamine|Spravato|not FDA-approved/i);
      }
    }
  });

  it("does not repeat the seed's opiate-receptor claim", () => {
    for (const file of files) expect(file.text).not.toMatch(/opiate|opioid receptor/i);
  });

  it("every lesson offers hope or a next step and a clinician", () => {
    const all = content.lessons.map((l) => l.body).join("\n");
    expect(all).toMatch(/clinician/);
  });
});

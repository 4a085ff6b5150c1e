// Runs axe-core (the accessibility engine browsers' dev tools use) over an HTML string in jsdom. jsdom does no
// layout, so colour contrast is checked separately from the colour tokens (contrast.test.ts).
import axe from "axe-core";
import { JSDOM } from "jsdom";

export type Violation = { id: string; help: string; nodes: string[] };

export async function axeViolations(html: string, disabledRules: string[] = []): Promise<Violation[]> {
  const dom = new JSDOM(html, { runScripts: "outside-only", pretendToBeVisual: true });
  try {
    dom.window.eval(axe.source);
    const run = (dom.window as unknown as { axe: typeof axe }).axe.run;
    const rules = Object.fromEntries(
      ["color-contrast", ...disabledRules].map((id) => [id, { enabled: false }]),
    );
    const result = await run(dom.window.document, { rules, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.html.slice(0, 160)),
    }));
  } finally {
    dom.window.close();
  }
}

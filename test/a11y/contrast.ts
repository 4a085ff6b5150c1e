// WCAG 2.x contrast of every visible text node against its effective background, using the cascade jsdom
// computes (inline styles, <style> rules and inherited colour). Transparent backgrounds fall through to the
// nearest ancestor that has one, then to white (the page or the mail client's canvas).
import { JSDOM } from "jsdom";

type Rgba = [number, number, number, number];

function parse(color: string): Rgba | null {
  const m = /^rgba?\(([^)]+)\)$/.exec(color.trim());
  if (!m?.[1]) return null;
  const [r = 0, g = 0, b = 0, a = 1] = m[1].split(",").map((p) => Number.parseFloat(p));
  return [r, g, b, a];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export type LowContrast = { text: string; color: string; background: string; ratio: number };

/** Text shown to readers whose contrast is under `minimum` (WCAG AA body text: 4.5). */
export function lowContrastText(html: string, minimum = 4.5): LowContrast[] {
  const dom = new JSDOM(html);
  const { document } = dom.window;
  const style = (el: Element) => dom.window.getComputedStyle(el);
  const hidden = (el: Element | null): boolean => {
    for (let node = el; node; node = node.parentElement) {
      const s = style(node);
      if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return true;
      if (node.getAttribute("aria-hidden") === "true") return true;
      // Off-screen helpers (skip links, honeypots) are not read as page text.
      if (/-10000px/.test(node.getAttribute("style") ?? "") || /(^|\s)(skip|hp)(\s|$)/.test(node.className)) {
        return true;
      }
    }
    return false;
  };
  const background = (el: Element): Rgba => {
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = parse(style(node).backgroundColor);
      if (bg && bg[3] > 0) return bg;
    }
    return [255, 255, 255, 1];
  };

  const problems: LowContrast[] = [];
  const walker = document.createTreeWalker(document.body, dom.window.NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? "";
    const el = node.parentElement;
    if (!text || !el || ["SCRIPT", "STYLE", "OPTION"].includes(el.tagName) || hidden(el)) continue;
    const fg = parse(style(el).color) ?? [0, 0, 0, 1];
    const bg = background(el);
    const ratio = contrastRatio(fg, bg);
    if (ratio < minimum) {
      problems.push({
        text: text.slice(0, 60),
        color: style(el).color,
        background: `rgb(${bg.slice(0, 3).join(", ")})`,
        ratio: Math.round(ratio * 100) / 100,
      });
    }
  }
  dom.window.close();
  return problems;
}

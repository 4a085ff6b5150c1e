// What a reader of the HTML part actually sees, read from a real DOM (htmlparser2) rather than with regular
// expressions, so a footer hidden at any depth, by any of the ways mail clients honour, does not count as
// present. When in doubt an element counts as hidden: the gate may then refuse a good email (a person fixes
// the template), but it must never pass one whose crisis footer nobody can see.
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";

export interface VisibleLink {
  href: string;
  /** The link's visible text. */
  label: string;
}

export interface VisibleHtml {
  /** Visible text; blocks separated by a space, inline elements joined as the reader sees them. */
  text: string;
  links: VisibleLink[];
}

/** Never rendered in the message body. */
const HIDDEN_TAGS = new Set(["head", "style", "script", "template", "title", "noscript", "meta", "link"]);

/** Elements that start a new line, so their text cannot run into the next block's words. */
const BLOCK_TAGS = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "br",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

type Declarations = Map<string, string>;

/** `a: b; c: d !important` into lower-case property → value without `!important`. */
export function parseDeclarations(style: string): Declarations {
  const out: Declarations = new Map();
  for (const part of style.split(";")) {
    const colon = part.indexOf(":");
    if (colon < 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/gi, "")
      .trim()
      .toLowerCase();
    if (property) out.set(property, value);
  }
  return out;
}

/** "0", "0px", "0.0em", "0%" ... */
const isZero = (value: string | undefined) => value !== undefined && /^[-+]?0*\.?0+(?:[a-z%]+)?$/.test(value);

/** Text this small is not readable: treated like font-size 0. */
function tooSmall(fontSize: string | undefined): boolean {
  const match = fontSize ? /^([\d.]+)(px|pt)?$/.exec(fontSize) : null;
  return match !== null && Number(match[1]) < 6;
}

/** The ways clients hide content, from inline styles or matching stylesheet rules. */
export function hidesContent(d: Declarations): boolean {
  const clipped = (d.get("overflow") ?? d.get("overflow-y") ?? d.get("overflow-x")) === "hidden";
  const far = (v: string | undefined) => v !== undefined && /^-\d{3,}/.test(v);
  return (
    d.get("display") === "none" ||
    d.get("visibility") === "hidden" ||
    d.get("visibility") === "collapse" ||
    d.get("mso-hide") === "all" ||
    isZero(d.get("opacity")) ||
    isZero(d.get("font-size")) ||
    tooSmall(d.get("font-size")) ||
    d.get("color") === "transparent" ||
    (clipped && ["max-height", "height", "max-width", "width"].some((p) => isZero(d.get(p)))) ||
    far(d.get("text-indent")) ||
    (d.get("position") === "absolute" && ["left", "top", "right"].some((p) => far(d.get(p))))
  );
}

interface SimpleSelector {
  tag?: string;
  ids: string[];
  classes: string[];
  attributes: string[];
}

/**
 * Hiding rules from <style> blocks. Only the last compound of each selector is matched, and media queries and
 * pseudo-classes are treated as always applying: that over-approximates "hidden", which is the safe side here.
 */
function hidingSelectors(css: string): SimpleSelector[] {
  const selectors: SimpleSelector[] = [];
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  for (const rule of withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!hidesContent(parseDeclarations(rule[2] ?? ""))) continue;
    for (const selector of (rule[1] ?? "").split(",")) {
      const last =
        selector
          .trim()
          .split(/[\s>+~]+/)
          .pop() ?? "";
      if (last.startsWith("@")) continue;
      const compound = last.replace(/::?[\w-]+(\([^)]*\))?/g, "");
      selectors.push({
        tag: /^[a-z][\w-]*/i.exec(compound)?.[0].toLowerCase(),
        ids: [...compound.matchAll(/#([\w-]+)/g)].map((m) => m[1] ?? ""),
        classes: [...compound.matchAll(/\.([\w-]+)/g)].map((m) => m[1] ?? ""),
        attributes: [...compound.matchAll(/\[\s*([\w-]+)/g)].map((m) => (m[1] ?? "").toLowerCase()),
      });
    }
  }
  return selectors;
}

function matches(element: Element, selector: SimpleSelector): boolean {
  const { tag, ids, classes, attributes } = selector;
  if (!tag && ids.length === 0 && classes.length === 0 && attributes.length === 0) return true; // `*`
  if (tag && element.name.toLowerCase() !== tag) return false;
  const own = (element.attribs.class ?? "").split(/\s+/);
  return (
    ids.every((id) => element.attribs.id === id) &&
    classes.every((c) => own.includes(c)) &&
    attributes.every((a) => a in element.attribs)
  );
}

function isHidden(element: Element, sheet: readonly SimpleSelector[]): boolean {
  const name = element.name.toLowerCase();
  if (HIDDEN_TAGS.has(name)) return true;
  const a = element.attribs;
  // aria-hidden hides from screen readers, who are readers too; the preheader is inbox-list text only.
  if ("hidden" in a || a["aria-hidden"] === "true" || a["data-preheader"] !== undefined) return true;
  if (name === "input" && a.type?.toLowerCase() === "hidden") return true;
  if (a.style !== undefined && hidesContent(parseDeclarations(a.style))) return true;
  return sheet.some((s) => matches(element, s));
}

function collectStyles(nodes: readonly ChildNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === "style") out.push(node.children.map((c) => ("data" in c ? c.data : "")).join(""));
    else if ("children" in node) collectStyles(node.children, out);
  }
}

/** Parses the HTML and returns only what survives every way of hiding. Comments are never read. */
export function visibleHtml(html: string): VisibleHtml {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true });
  const css: string[] = [];
  collectStyles(document.children, css);
  const sheet = hidingSelectors(css.join("\n"));
  const links: VisibleLink[] = [];

  const walk = (nodes: readonly ChildNode[], out: string[]): void => {
    let outlookHides = false;
    for (const node of nodes) {
      // `<!--[if !mso]><!-->…<!--<![endif]-->` is shown everywhere except Outlook for Windows: hidden for some.
      if (node.type === "comment") {
        if (/^\[if\s+!mso\]>\s*<!$/i.test(node.data.trim())) outlookHides = true;
        else if (/^<!\[endif\]$/i.test(node.data.trim())) outlookHides = false;
        continue;
      }
      if (outlookHides) continue;
      if (node.type === "text") out.push(node.data);
      else if (node.type === "tag" || node.type === "script" || node.type === "style") {
        if (isHidden(node, sheet)) continue;
        const block = BLOCK_TAGS.has(node.name.toLowerCase());
        if (block) out.push(" ");
        if (node.name.toLowerCase() === "img" && node.attribs.alt) out.push(` ${node.attribs.alt} `);
        if (node.name.toLowerCase() === "a" && node.attribs.href !== undefined) {
          const own: string[] = [];
          walk(node.children, own);
          links.push({ href: node.attribs.href, label: own.join("") });
          out.push(...own);
        } else {
          walk(node.children, out);
        }
        if (block) out.push(" ");
      } else if (node.type === "root" || node.type === "cdata") {
        walk(node.children, out);
      }
      // Comments (Outlook's conditional blocks too) and directives are not shown as text.
    }
  };
  const out: string[] = [];
  walk(document.children, out);
  return { text: out.join(""), links };
}

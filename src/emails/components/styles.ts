// The only CSS outside inline styles: dark-mode colours for clients that support `prefers-color-scheme` and a
// narrower gutter on phones. Everything needed to read the email is inline; this sheet only refines it, so a
// client that drops <style> (some Gmail accounts, Outlook for Windows) still shows the full light design.
import { darkColors as d } from "./theme.ts";

/** Class names used by the components; short, because they repeat in every email. */
export const cls = {
  body: "hm-bg",
  surface: "hm-sf",
  text: "hm-tx",
  muted: "hm-mu",
  link: "hm-ln",
  brand: "hm-br",
  crisis: "hm-cr",
  button: "hm-bt",
  rule: "hm-rl",
  gutter: "hm-gt",
  markdown: "hm-md",
} as const;

export const STYLESHEET = `
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (max-width:620px){.${cls.gutter}{padding-left:16px!important;padding-right:16px!important}}
@media (prefers-color-scheme:dark){
.${cls.body}{background-color:${d.background}!important}
.${cls.surface}{background-color:${d.surface}!important}
.${cls.text},.${cls.markdown} p,.${cls.markdown} li,.${cls.markdown} h1,.${cls.markdown} h2,.${cls.markdown} h3,.${cls.markdown} td,.${cls.markdown} th{color:${d.text}!important}
.${cls.muted}{color:${d.muted}!important}
.${cls.link},.${cls.markdown} a{color:${d.link}!important}
.${cls.brand}{color:${d.brand}!important}
.${cls.crisis}{background-color:${d.crisisBackground}!important;border-color:${d.crisisBorder}!important}
.${cls.button}{background-color:${d.button}!important;color:${d.buttonText}!important}
.${cls.rule}{border-color:${d.border}!important}
}`
  .replace(/\n/g, "")
  .trim();

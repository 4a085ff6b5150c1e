// Layout checks in headless Chromium (Debian's /usr/bin/chromium through playwright-core; it cannot download a
// browser here). An email passes at a width when nothing is wider than the screen and every crisis line (the top
// banner and each line of the crisis box) is on screen and whole; the crisis box must keep a full border and a
// bold lead line, which is what survives a client's own darkening or inversion.
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const WIDTHS = [375, 600] as const;
/** light, the reader's dark preference (Apple Mail, Outlook apps), and forced darkening (Gmail apps, Samsung). */
export const MODES = ["light", "dark", "forced-dark"] as const;
export type Mode = (typeof MODES)[number];

/** Headless, and no background connections: this machine has no network beyond its registries. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launch(forcedDark: boolean): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`email-check: no Chromium at ${CHROMIUM}; install it with apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: forcedDark
      ? [...CHROMIUM_ARGS, "--force-dark-mode", "--enable-features=WebContentsForceDark"]
      : CHROMIUM_ARGS,
  });
}

export interface LayoutResult {
  /** document width at this viewport; more than the viewport means the reader scrolls sideways. */
  scrollWidth: number;
  problems: string[];
}

/** Loads the email into `page` at `width` and reports what a reader would see wrong. */
export async function checkLayout(
  page: Page,
  html: string,
  width: number,
  mode: Mode,
): Promise<LayoutResult> {
  await page.setViewportSize({ width, height: 740 });
  // Forced darkening ignores our dark styles: the client recolours the light design itself.
  await page.emulateMedia({ colorScheme: mode === "dark" ? "dark" : "light" });
  // Images and links point at the internet; nothing is fetched (the emails have no remote images today).
  await page.setContent(html, { waitUntil: "load" });
  return page.evaluate((viewport) => {
    const problems: string[] = [];
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (scrollWidth > viewport) problems.push(`${scrollWidth}px wide on a ${viewport}px screen`);
    const lines = [
      ...document.querySelectorAll("[data-crisis-banner] p, [data-crisis-footer] p"),
    ] as HTMLElement[];
    if (lines.length === 0) problems.push("no crisis lines found");
    for (const line of lines) {
      const box = line.getBoundingClientRect();
      const label = (line.textContent ?? "").trim().slice(0, 40);
      if (box.left < 0 || box.right > viewport + 0.5) {
        problems.push(
          `crisis line "${label}" runs off screen (${Math.round(box.left)}–${Math.round(box.right)}px)`,
        );
      }
      if (line.scrollWidth > line.clientWidth + 1) problems.push(`crisis line "${label}" is cut off`);
      const style = getComputedStyle(line);
      if (Number.parseFloat(style.fontSize) < 16)
        problems.push(`crisis line "${label}" is smaller than 16px`);
      if (style.visibility !== "visible" || style.display === "none")
        problems.push(`crisis line "${label}" is hidden`);
    }
    const box = document.querySelector("[data-crisis-footer] td") as HTMLElement | null;
    if (box) {
      const s = getComputedStyle(box);
      for (const side of ["Top", "Right", "Bottom", "Left"] as const) {
        const w = Number.parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`));
        if (!(w >= 2) || s.getPropertyValue(`border-${side.toLowerCase()}-style`) !== "solid") {
          problems.push(`crisis box has no solid ${side.toLowerCase()} border`);
        }
      }
      const lead = box.querySelector("p");
      if (lead && Number(getComputedStyle(lead).fontWeight) < 700)
        problems.push("crisis box lead line is not bold");
    } else {
      problems.push("no crisis box");
    }
    return { scrollWidth, problems };
  }, width);
}

// Scripts the pages load from our own origin (the CSP allows script-src 'self' and nothing inline). Each is
// progressive enhancement: the page works the same without it.
import { Hono } from "hono";

/** Id of the signup form's hidden time zone field, which TIME_ZONE_SCRIPT fills. */
export const TIME_ZONE_FIELD_ID = "time-zone";
export const TIME_ZONE_SCRIPT_PATH = "/assets/time-zone.js";
/** The tag pages include; `defer` runs it once the form exists. */
export const TIME_ZONE_SCRIPT_TAG = `<script src="${TIME_ZONE_SCRIPT_PATH}" defer></script>`;

/**
 * Puts the browser's IANA time zone into the signup form so lessons arrive in the reader's daytime. Without
 * JavaScript (or with an old browser) the field stays empty and the country's or brand's zone is used.
 */
export const TIME_ZONE_SCRIPT = `(function () {
  var field = document.getElementById(${JSON.stringify(TIME_ZONE_FIELD_ID)});
  if (!field || typeof Intl !== "object" || !Intl.DateTimeFormat) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (typeof zone === "string") field.value = zone;
  } catch (e) {}
})();
`;

export function assetRoutes() {
  return new Hono().get(TIME_ZONE_SCRIPT_PATH, (c) =>
    c.body(TIME_ZONE_SCRIPT, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );
}

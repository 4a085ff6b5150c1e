// The drip's wait for the reader's daytime: a step that asks when the delivery window next opens in their
// zone, and a sleep until then when it is closed. Not a function itself (it has no id); drip-series uses it
// before every lesson. With DELIVERY_WINDOW=off it adds no step at all.
import type { GetStepTools } from "inngest";
import type { AppDeps } from "../deps.ts";
import type { InngestClient } from "../inngest/client.ts";
import { nextLessonOpening } from "../subscribers/delivery-window.ts";

type Step = GetStepTools<InngestClient>;

/** Step ids: `window-<key>` (the check) and `wait-window-<key>` (the sleep, only when the window is closed). */
export async function waitForDeliveryWindow(
  step: Pick<Step, "run" | "sleepUntil">,
  deps: Pick<AppDeps, "db" | "config" | "now">,
  subscriberId: string,
  key: string,
): Promise<{ waitedUntil: string; timeZone: string } | null> {
  if (!deps.config.deliveryWindow) return null;
  const opening = await step.run(`window-${key}`, () => nextLessonOpening(deps, subscriberId));
  if (!opening) return null;
  await step.sleepUntil(`wait-window-${key}`, opening.at);
  return { waitedUntil: opening.at, timeZone: opening.timeZone };
}

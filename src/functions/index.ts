// The functions array that serve() registers. Each function lives in its own file whose `id` is its file name.
import type { AppDeps } from "../deps.ts";

export function createFunctions(_deps: AppDeps) {
  return [];
}

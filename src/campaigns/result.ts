// What the campaign operations answer: the lib/result.ts convention, with the linter's findings on a failure
// that comes from the content safety check.
import type { Failure as BaseFailure, Result as BaseResult } from "../lib/result.ts";
import type { Finding } from "../lint/index.ts";

export type Failure = BaseFailure & { findings?: Finding[] };
export type Result<T extends object> = BaseResult<T, Failure>;

export const notFound: Failure = { ok: false, code: "not_found", message: "No campaign with this id." };

// One convention for what a domain operation answers: `{ ok: true, ...value }` or a failure with a code, a
// message for the person reading it and, for bad input, field messages. Domains never speak HTTP: the routes
// map each code to a status (src/api/errors.ts), so the same operation can back a page, a CLI or a job.

/** Every failure code a domain returns. Adding one here makes the route mapping fail to compile until it has a status. */
export type FailureCode =
  | "not_found"
  | "validation_failed"
  | "content_unsafe"
  | "warnings_unacknowledged"
  | "audience_empty"
  | "invalid_state"
  | "use_resume"
  | "complaint_rate_high"
  | "conflict"
  | "forbidden"
  | "review_required"
  | "send_failed";

export type Failure<Code extends FailureCode = FailureCode> = {
  ok: false;
  code: Code;
  message: string;
  fields?: Record<string, string[]>;
};

export type Result<T extends object, F extends Failure = Failure> = ({ ok: true } & T) | F;

export function fail<Code extends FailureCode>(
  code: Code,
  message: string,
  fields?: Record<string, string[]>,
): Failure<Code> {
  return { ok: false, code, message, ...(fields ? { fields } : {}) };
}

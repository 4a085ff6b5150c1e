// The edge between the mail layer and Inngest: a mail error becomes the error class that gives Inngest the right
// retry behaviour. Every step that sends mail runs its work through mailStep.
import { type GetStepTools, NonRetriableError, RetryAfterError } from "inngest";
import type { AppDeps } from "../deps.ts";
import type { InngestClient } from "../inngest/client.ts";
import { MailError } from "../mail/errors.ts";
import { type SendPlan, sendToSubscriber } from "../subscribers/send.ts";

export function toInngestError(error: unknown): unknown {
  if (!(error instanceof MailError)) return error;
  switch (error.kind) {
    case "rate_limited":
      return new RetryAfterError(error.message, error.retryAfterMs ?? 1000, { cause: error });
    case "rejected":
      return new NonRetriableError(error.message, { cause: error });
    case "transient":
      return error;
  }
}

export async function mailStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toInngestError(error);
  }
}

/** The step that sends one subscriber one email by its plan (src/subscribers/send.ts), named `id`. */
export function subscriberMailStep(
  step: Pick<GetStepTools<InngestClient>, "run">,
  id: string,
  deps: Pick<AppDeps, "db" | "mailer" | "now">,
  plan: SendPlan,
) {
  return step.run(id, () => mailStep(() => sendToSubscriber(deps, plan)));
}

// Who asks for a campaign change: a signed-in console account, or the admin API's bearer token (automation and
// the CLI). The token is nobody in particular, so it can never stand in for a reviewer.
import type { Account } from "../accounts/schemas.ts";

export type Actor = { kind: "account"; account: Account } | { kind: "api-token" };

export const API_TOKEN: Actor = { kind: "api-token" };

/** accounts.id of a console actor; null for the token. */
export function actorId(actor: Actor): string | null {
  return actor.kind === "account" ? actor.account.id : null;
}

export function actorName(actor: Actor): string {
  return actor.kind === "account" ? actor.account.name : "Admin API";
}

export function actorVia(actor: Actor): "console" | "api" {
  return actor.kind === "account" ? "console" : "api";
}

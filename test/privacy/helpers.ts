// People created the way real people arrive: the signup API, the confirmation function, the confirm step and the
// drip series, so every table that can hold something about them does.
import { InngestTestEngine } from "@inngest/test";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { createSendConfirmation } from "../../src/functions/send-confirmation.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { confirmSubscriber } from "../../src/subscribers/confirm.ts";
import { findSubscriberByHash } from "../../src/subscribers/store.ts";
import type { TestApp } from "../helpers/app.ts";

export const ADMIN = { authorization: "Bearer test-admin-token-0123456789abcdef" };

export type Person = { email: string; firstName: string; ip: string; userAgent: string };

export async function signUp(t: TestApp, person: Person) {
  const res = await t.app.request("/api/subscribe", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": person.userAgent,
      "x-forwarded-for": person.ip,
    },
    body: JSON.stringify({ email: person.email, firstName: person.firstName, consent: true, country: "US" }),
  });
  if (res.status !== 202) throw new Error(`signup answered ${res.status}: ${await res.text()}`);
  const subscriber = await findSubscriberByHash(t.db, await hashEmail(person.email));
  if (!subscriber) throw new Error("signup created no subscriber");
  return subscriber.id;
}

export async function sendConfirmation(t: TestApp, subscriberId: string) {
  const engine = new InngestTestEngine({
    function: createSendConfirmation(t.deps),
    events: [{ name: "newsletter/subscriber.created", data: { subscriberId } }],
  });
  const { result } = await engine.execute();
  return result as { sent: boolean; reason?: string };
}

export async function runDrip(t: TestApp, subscriberId: string) {
  const engine = new InngestTestEngine({
    function: createDripSeries(t.deps),
    steps: t.deps.content.lessons.map((l) => ({ id: `wait-before-${l.id}`, handler() {} })),
    events: [{ name: "newsletter/subscriber.confirmed", data: { subscriberId } }],
  });
  const { result } = await engine.execute();
  return result as { completed: boolean; sent: string[]; stoppedBefore?: string; outcome?: unknown };
}

/** Sign-up, confirmation email, confirm, and the whole drip: a fully populated subscriber. */
export async function createPerson(t: TestApp, person: Person) {
  const id = await signUp(t, person);
  await sendConfirmation(t, id);
  const outcome = await confirmSubscriber(t.deps, id, { ip: person.ip, userAgent: person.userAgent });
  if (outcome !== "confirmed") throw new Error(`confirm answered ${outcome}`);
  await runDrip(t, id);
  return id;
}

/** Every row of every table, for "what is left about this person" checks. */
export function allRows(t: TestApp): { table: string; row: Record<string, unknown> }[] {
  const tables = t.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (t.sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map((row) => ({
      table: name,
      row,
    })),
  );
}

/** Rows in which any of the needles appears (case-insensitive). */
export function rowsMentioning(t: TestApp, needles: string[]) {
  const lower = needles.map((n) => n.toLowerCase());
  return allRows(t).filter(({ row }) => {
    const text = JSON.stringify(row).toLowerCase();
    return lower.some((n) => text.includes(n));
  });
}

/** Two people, so every privacy test can show it touches one and not the other. */
export const alex: Person = {
  email: "Alex.Moreau@Example.org",
  firstName: "Alexandra",
  ip: "198.51.100.7",
  userAgent: "AlexBrowser/1.0",
};
export const blake: Person = {
  email: "blake@example.net",
  firstName: "Blakeley",
  ip: "203.0.113.44",
  userAgent: "BlakeBrowser/2.0",
};

export async function createAlexAndBlake(t: TestApp) {
  const alexId = await createPerson(t, alex);
  const blakeId = await createPerson(t, blake);
  return { alexId, blakeId };
}

// Confirmation mail-bombing through address variants: victim+1@, victim+2@, v.ictim@gmail.com ... are each a
// new subscriber, but they are one inbox. The inbox gets at most one confirmation per 10 minutes, while each
// spelling is still recorded as its own subscriber (and can confirm once the throttle lets its email through).
import { afterEach, describe, expect, it } from "vitest";
import { subscribers } from "../../src/db/schema.ts";
import { mailboxOf } from "../../src/lib/email-address.ts";
import { CONFIRMATION_RESEND_INTERVAL_MS } from "../../src/subscribers/signup.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postJson } from "../journey/helpers.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

let ip = 0;
const from = () => ({ "x-forwarded-for": `203.0.113.${++ip % 250}` });
const confirmations = (app: TestApp) =>
  app.inngestApi.named("newsletter/subscriber.created").length +
  app.inngestApi.named("newsletter/subscriber.confirmation-requested").length;

describe("confirmation throttle per inbox", () => {
  it("50 plus-address variants of one inbox get one confirmation, and 50 subscriber rows", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    for (let i = 1; i <= 50; i++) {
      const res = await postJson(
        t.app,
        "/api/subscribe",
        { email: `victim+${i}@example.com`, consent: true },
        from(),
      );
      expect(res.status).toBe(202);
    }
    expect(confirmations(t)).toBe(1);
    expect(await t.db.select().from(subscribers)).toHaveLength(50);
  });

  it("Gmail's dots, googlemail.com and letter case are the same inbox", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    for (const email of [
      "jane.doe@gmail.com",
      "janedoe@gmail.com",
      "j.a.n.e.d.o.e+news@gmail.com",
      "Jane.Doe@googlemail.com",
      "JANEDOE+x@GMAIL.COM",
    ]) {
      expect((await postJson(t.app, "/api/subscribe", { email, consent: true }, from())).status).toBe(202);
    }
    expect(confirmations(t)).toBe(1);
  });

  it("other inboxes are not held back, and dots still count outside Gmail", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    for (const email of ["sam@example.com", "s.am@example.com", "sam@example.org", "alex@example.com"]) {
      await postJson(t.app, "/api/subscribe", { email, consent: true }, from());
    }
    expect(confirmations(t)).toBe(4);
  });

  it("after the interval the next variant gets its confirmation", async () => {
    let now = new Date("2026-12-01T10:00:00Z");
    t = createTestApp({ env: { TRUST_PROXY: "1" }, now: () => now });
    await postJson(t.app, "/api/subscribe", { email: "victim+1@example.com", consent: true }, from());
    await postJson(t.app, "/api/subscribe", { email: "victim+2@example.com", consent: true }, from());
    expect(confirmations(t)).toBe(1);
    now = new Date(now.getTime() + CONFIRMATION_RESEND_INTERVAL_MS + 1);
    // The held-back spelling asks again and now gets its own link.
    await postJson(t.app, "/api/subscribe", { email: "victim+2@example.com", consent: true }, from());
    expect(confirmations(t)).toBe(2);
    await postJson(t.app, "/api/subscribe", { email: "victim+3@example.com", consent: true }, from());
    expect(confirmations(t)).toBe(2);
  });

  it("mailboxOf folds only what providers fold", () => {
    expect(mailboxOf("Victim+tag@Example.COM")).toBe("victim@example.com");
    expect(mailboxOf("j.doe+a+b@googlemail.com")).toBe("jdoe@gmail.com");
    expect(mailboxOf("+only@example.com")).toBe("+only@example.com");
    expect(mailboxOf("first.last@example.com")).toBe("first.last@example.com");
  });
});

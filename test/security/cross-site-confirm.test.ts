// The confirm button's POST must come from our own page: a site holding a leaked token cannot confirm someone by
// auto-submitting a form. One-click unsubscribe stays open to posts from anywhere (RFC 8058).
import { afterEach, describe, expect, it } from "vitest";
import { CONFIRM_TOKEN_TTL_MS, signToken } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postForm, seedSubscriber, subscriberByEmail } from "../journey/helpers.ts";

const SECRET = "test-token-secret-0123456789abcdef0123456789";
let t: TestApp | undefined;
afterEach(() => t?.close());

async function pending(app: TestApp) {
  const sub = await seedSubscriber(app.db, { status: "pending" });
  return { ...sub, token: await signToken(SECRET, "confirm", sub.id, { ttlMs: CONFIRM_TOKEN_TTL_MS }) };
}

describe("cross-site posts", () => {
  for (const [name, headers] of [
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site", origin: "https://www.newsletter.test" }],
    ["a foreign Origin without Sec-Fetch-Site", { origin: "https://evil.example" }],
    ["Origin: null (sandboxed frame)", { origin: "null" }],
  ] as const) {
    it(`the confirm POST refuses ${name} and confirms nobody`, async () => {
      t = createTestApp();
      const sub = await pending(t);
      const res = await postForm(t.app, "/confirm", { token: sub.token }, headers);
      expect(res.status).toBe(403);
      // The person gets our own button to press instead.
      expect(await res.text()).toContain('action="/confirm"');
      expect((await subscriberByEmail(t.db, sub.email))?.status).toBe("pending");
    });
  }

  it("the confirm POST from our own page confirms", async () => {
    t = createTestApp();
    const sub = await pending(t);
    const res = await postForm(
      t.app,
      "/confirm",
      { token: sub.token },
      { "sec-fetch-site": "same-origin", origin: "http://newsletter.test" },
    );
    expect(res.status).toBe(200);
    expect((await subscriberByEmail(t.db, sub.email))?.status).toBe("active");
  });

  it("one-click unsubscribe still accepts a cross-site POST (mail providers send it)", async () => {
    t = createTestApp();
    const sub = await seedSubscriber(t.db, { status: "active" });
    const token = await signToken(SECRET, "unsubscribe", sub.id);
    const res = await postForm(
      t.app,
      `/api/unsubscribe?token=${token}`,
      { "List-Unsubscribe": "One-Click" },
      { "sec-fetch-site": "cross-site", origin: "https://mail.provider.example" },
    );
    expect(res.status).toBe(200);
    expect((await subscriberByEmail(t.db, sub.email))?.status).toBe("unsubscribed");
  });
});

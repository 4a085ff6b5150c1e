// The links in the emails: confirm (GET shows a button, POST confirms) and the three unsubscribe paths.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { consents, pendingEvents, subscribers, suppressions } from "../../src/db/schema.ts";
import { CONFIRM_TOKEN_TTL_MS, signToken } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  APP_URL,
  pageText,
  postForm,
  postMultipart,
  seedSubscriber,
  subscriberByEmail,
  suppress,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const SECRET = "test-token-secret-0123456789abcdef0123456789";
const confirmToken = (id: string, now = new Date()) =>
  signToken(SECRET, "confirm", id, { ttlMs: CONFIRM_TOKEN_TTL_MS, now });
const unsubscribeToken = (id: string) => signToken(SECRET, "unsubscribe", id);

async function status(id: string) {
  const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, id));
  return row?.status;
}

function tamper(token: string): string {
  const last = token.at(-1) === "A" ? "B" : "A";
  return `${token.slice(0, -1)}${last}`;
}

describe("confirm", () => {
  it("GET shows one button and changes nothing (link scanners confirm nobody)", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db, { status: "pending" });
    const token = await confirmToken(id);
    for (let i = 0; i < 3; i++) {
      const res = await t.app.request(`/confirm?token=${token}`);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('<form method="post" action="/confirm">');
      expect(page).toContain(`<input type="hidden" name="token" value="${token}">`);
      expect(page.match(/<button/g)).toHaveLength(1);
    }
    expect(await status(id)).toBe("pending");
    expect(t.inngestApi.events).toEqual([]);
  });

  it("POST confirms atomically: status, consent record, confirmed event with a deterministic id", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    t = createTestApp({ now: () => now });
    const { id } = await seedSubscriber(t.db, { status: "pending" });
    const res = await postForm(
      t.app,
      "/confirm",
      { token: await confirmToken(id, now) },
      { "user-agent": "UA/1" },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You're subscribed");
    const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, id));
    expect(row).toMatchObject({ status: "active", confirmedAt: now });
    const rows = await t.db.select().from(consents).where(eq(consents.subscriberId, id));
    expect(rows).toEqual([
      expect.objectContaining({ action: "confirmed", at: now, form: "confirm-link", userAgent: "UA/1" }),
    ]);
    expect(t.inngestApi.events).toEqual([
      expect.objectContaining({
        id: `confirmed:${id}`,
        name: "newsletter/subscriber.confirmed",
        data: { subscriberId: id },
      }),
    ]);
  });

  it("a second click says already confirmed and starts nothing", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db, { status: "pending" });
    const token = await confirmToken(id);
    await postForm(t.app, "/confirm", { token });
    const again = await postForm(t.app, "/confirm", { token });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("already subscribed");
    const view = await t.app.request(`/confirm?token=${token}`);
    expect(await view.text()).toContain("already subscribed");
    expect(t.inngestApi.events).toHaveLength(1);
    expect(await t.db.select().from(pendingEvents)).toHaveLength(1);
    expect(await t.db.select().from(consents)).toHaveLength(1);
  });

  it("lifts an erased/manual suppression in the same batch, but never a bounce or complaint", async () => {
    t = createTestApp();
    const back = await seedSubscriber(t.db, { status: "pending" });
    await suppress(t.db, back.email, "erased");
    await postForm(t.app, "/confirm", { token: await confirmToken(back.id) });
    expect(await t.db.select().from(suppressions)).toEqual([]);

    const bounced = await seedSubscriber(t.db, { status: "pending" });
    await suppress(t.db, bounced.email, "bounced");
    await postForm(t.app, "/confirm", { token: await confirmToken(bounced.id) });
    expect(await t.db.select().from(suppressions)).toHaveLength(1);
  });

  it("tampered, missing, wrong-purpose and expired tokens get a clear page with a way to get a new link", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    t = createTestApp({ now: () => now });
    const { id } = await seedSubscriber(t.db, { status: "pending" });
    const good = await confirmToken(id, now);
    const expired = await confirmToken(id, new Date(now.getTime() - CONFIRM_TOKEN_TTL_MS - 1000));
    const cases: [string, number, string][] = [
      [`/confirm?token=${tamper(good)}`, 400, "This link doesn't work"],
      ["/confirm", 400, "This link doesn't work"],
      [`/confirm?token=${await unsubscribeToken(id)}`, 400, "This link doesn't work"],
      [`/confirm?token=${expired}`, 410, "This link has expired"],
    ];
    for (const [path, code, title] of cases) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(code);
      const page = await pageText(res);
      expect(page).toContain(title);
      expect(page).toContain(`<form method="post" action="${APP_URL}/api/subscribe">`);
    }
    const post = await postForm(t.app, "/confirm", { token: expired });
    expect(post.status).toBe(410);
    const tampered = await postForm(t.app, "/confirm", { token: tamper(good) });
    expect(tampered.status).toBe(400);
    expect(await status(id)).toBe("pending");
    expect(t.inngestApi.events).toEqual([]);
  });

  it("a confirm link no longer subscribes someone who unsubscribed since", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db, { status: "unsubscribed" });
    const token = await confirmToken(id);
    expect((await t.app.request(`/confirm?token=${token}`)).status).toBe(410);
    expect((await postForm(t.app, "/confirm", { token })).status).toBe(410);
    expect(await status(id)).toBe("unsubscribed");
  });

  it("POST /confirm with a JSON body → 415", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db, { status: "pending" });
    const res = await t.app.request("/confirm", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: await confirmToken(id) }),
    });
    expect(res.status).toBe(415);
    expect(await status(id)).toBe("pending");
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("form-encoded List-Unsubscribe=One-Click unsubscribes at once and answers 200", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    t = createTestApp({ now: () => now });
    const { id } = await seedSubscriber(t.db);
    const res = await postForm(t.app, `/api/unsubscribe?token=${await unsubscribeToken(id)}`, {
      "List-Unsubscribe": "One-Click",
    });
    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, id));
    expect(row).toMatchObject({ status: "unsubscribed", unsubscribedAt: now });
    expect(await t.db.select().from(consents)).toEqual([
      expect.objectContaining({ subscriberId: id, action: "withdrawn", at: now, form: "one-click" }),
    ]);
    expect(t.inngestApi.events).toEqual([
      expect.objectContaining({
        id: `unsubscribed:${id}:${now.getTime()}`,
        name: "newsletter/subscriber.unsubscribed",
        data: { subscriberId: id, reason: "one-click" },
      }),
    ]);
  });

  it("multipart works too, and repeating it changes nothing", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db);
    const path = `/api/unsubscribe?token=${await unsubscribeToken(id)}`;
    expect((await postMultipart(t.app, path, { "List-Unsubscribe": "One-Click" })).status).toBe(200);
    expect((await postMultipart(t.app, path, { "List-Unsubscribe": "One-Click" })).status).toBe(200);
    expect(await status(id)).toBe("unsubscribed");
    expect(t.inngestApi.events).toHaveLength(1);
    expect(await t.db.select().from(consents)).toHaveLength(1);
  });

  it("refuses bad requests clearly and changes nothing", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db);
    const token = await unsubscribeToken(id);
    const cases: [Response, number, string][] = [
      [
        await postForm(t.app, `/api/unsubscribe?token=${tamper(token)}`, { "List-Unsubscribe": "One-Click" }),
        400,
        "invalid_token",
      ],
      [await postForm(t.app, "/api/unsubscribe", { "List-Unsubscribe": "One-Click" }), 400, "invalid_token"],
      [
        await postForm(t.app, `/api/unsubscribe?token=${await confirmToken(id)}`, {
          "List-Unsubscribe": "One-Click",
        }),
        400,
        "invalid_token",
      ],
      [
        await postForm(t.app, `/api/unsubscribe?token=${token}`, { "List-Unsubscribe": "Yes" }),
        400,
        "one_click_required",
      ],
      [
        await t.app.request(`/api/unsubscribe?token=${token}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
        415,
        "unsupported_media_type",
      ],
    ];
    for (const [res, code, errorCode] of cases) {
      expect(res.status).toBe(code);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(errorCode);
    }
    expect(await status(id)).toBe("active");
    expect(t.inngestApi.events).toEqual([]);
  });

  it("GET on the header URL (clients without one-click) leads to the page with the button", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db);
    const token = await unsubscribeToken(id);
    const res = await t.app.request(`/api/unsubscribe?token=${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/unsubscribe?token=${token}`);
    expect(await status(id)).toBe("active");
  });
});

describe("unsubscribe page", () => {
  it("GET shows one button and changes nothing; POST unsubscribes and offers a way back", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db);
    const token = await unsubscribeToken(id);
    const view = await t.app.request(`/unsubscribe?token=${token}`);
    expect(view.status).toBe(200);
    const page = await view.text();
    expect(page).toContain('<form method="post" action="/unsubscribe">');
    // One button unsubscribes; the only others are the break alternatives (issue 14), in their own form.
    const unsubscribeForm = page.slice(
      page.indexOf('<form method="post" action="/unsubscribe">'),
      page.indexOf("</form>", page.indexOf('action="/unsubscribe"')),
    );
    expect(unsubscribeForm.match(/<button/g)).toHaveLength(1);
    expect(page.match(/<button/g)).toHaveLength(1 + 3);
    expect(page.match(/<button type="submit" name="weeks"/g)).toHaveLength(3);
    expect(await status(id)).toBe("active");

    const done = await postForm(t.app, "/unsubscribe", { token });
    expect(done.status).toBe(200);
    const text = await done.text();
    expect(text).toContain("You're unsubscribed");
    expect(text).toContain(`<a href="${APP_URL}/">subscribe again</a>`);
    expect(await status(id)).toBe("unsubscribed");
    expect(t.inngestApi.events).toEqual([
      expect.objectContaining({ data: { subscriberId: id, reason: "user" } }),
    ]);
    const [consent] = await t.db.select().from(consents);
    expect(consent).toMatchObject({ action: "withdrawn", form: "unsubscribe-page" });

    const again = await t.app.request(`/unsubscribe?token=${token}`);
    expect(await again.text()).toContain("already unsubscribed");
  });

  it("every consent record keeps the first 500 characters of an oversized user agent", async () => {
    t = createTestApp();
    const agent = `Mozilla/5.0 ${"x".repeat(2000)}`;
    const headers = { "user-agent": agent };
    const signup = await postForm(
      t.app,
      "/api/subscribe",
      { email: "ua@example.com", consent: "yes" },
      headers,
    );
    expect(signup.status).toBe(303);
    const subscriber = await subscriberByEmail(t.db, "ua@example.com");
    if (!subscriber) throw new Error("signup stored no subscriber");
    await postForm(t.app, "/confirm", { token: await confirmToken(subscriber.id) }, headers);
    await postForm(t.app, "/unsubscribe", { token: await unsubscribeToken(subscriber.id) }, headers);
    const rows = await t.db.select().from(consents).where(eq(consents.subscriberId, subscriber.id));
    expect(rows.map((r) => r.action).sort()).toEqual(["confirmed", "given", "withdrawn"]);
    for (const row of rows) expect(row.userAgent).toBe(agent.slice(0, 500));
  });

  it("a tampered token gets a clear page, never a 500", async () => {
    t = createTestApp();
    const { id } = await seedSubscriber(t.db);
    const token = await unsubscribeToken(id);
    const get = await t.app.request(`/unsubscribe?token=${tamper(token)}`);
    expect(get.status).toBe(400);
    expect(await pageText(get)).toContain("This unsubscribe link doesn't work");
    const post = await postForm(t.app, "/unsubscribe", { token: "garbage" });
    expect(post.status).toBe(400);
    const json = await t.app.request("/unsubscribe", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: token,
    });
    expect(json.status).toBe(415);
    expect(await status(id)).toBe("active");
  });

  it("an unknown subscriber (erased since) still gets the done page", async () => {
    t = createTestApp();
    const res = await postForm(t.app, "/unsubscribe", { token: await unsubscribeToken("sub_gone") });
    expect(res.status).toBe(200);
    const oneClick = await postForm(t.app, `/api/unsubscribe?token=${await unsubscribeToken("sub_gone")}`, {
      "List-Unsubscribe": "One-Click",
    });
    expect(oneClick.status).toBe(200);
  });
});

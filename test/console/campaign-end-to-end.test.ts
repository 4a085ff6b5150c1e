// The marketer console's campaign flow in real Chromium against the real app on @hono/node-server (in-memory
// SQLite, the local outbox, the real Inngest functions run by @inngest/test when a send is requested):
// the owner adds a marketer and a reviewer (through the accounts module: the console's people page lists them);
// the marketer signs in from the link in the outbox, writes a campaign from scratch, sees a lint finding appear
// as they type, fixes it, saves and submits it; the reviewer signs in and approves it; the marketer test-sends,
// sends to a segment after a confirmation that states the number of recipients, and watches the progress bar
// reach the end without reloading; delivery webhooks come back; the report shows the counts and the chart; the
// sent email carries "Reviewed by". Writing and sending are done from the keyboard.
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { serve } from "@hono/node-server";
import { eq } from "drizzle-orm";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/email-check/layout.ts";
import { createAccount } from "../../src/accounts/create.ts";
import { setAccountTitle } from "../../src/accounts/set-title.ts";
import { campaigns, outbox, sends } from "../../src/db/schema.ts";
import { axeViolations } from "../a11y/axe.ts";
import { runBroadcast, seed } from "../campaigns/helpers.ts";
import { newSecret, resendEvent, sendEvent } from "../delivery/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

const SHOTS = process.env.SHOTS_DIR ?? "/work/notes/shots/review";
const secret = newSecret();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let t: TestApp;
let browser: Browser;
let base = "";
let stop: () => void = () => {};

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = createTestApp({ env: { APP_URL: base, RESEND_WEBHOOK_SECRET: secret } });
  const server = serve({ fetch: t.app.fetch, port, hostname: "127.0.0.1" });
  stop = () => server.close();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  stop();
  t?.close();
});

/** Signs in through the login page and the link the sign-in email carries (read from the dev outbox). */
async function signIn(page: Page, email: string) {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send sign-in link" }).press("Enter");
  await page.waitForURL(/\/admin\/login/);
  const messages = (await (await page.request.get(`${base}/dev/outbox.json`)).json()) as {
    to: string;
    text: string;
  }[];
  const mail = messages.find((m) => m.to === email);
  const link = /(http:\/\/127\.0\.0\.1:\d+\/admin\/login\/link\?token=[^\s)]+)/.exec(mail?.text ?? "")?.[1];
  if (!link) throw new Error("no sign-in link in the outbox");
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).press("Enter");
  await page.waitForURL(`${base}/admin`);
}

/**
 * Desktop and phone screenshots. The viewport is made as tall as the page (a full-page capture leaves the email
 * frames blank below the fold: they render out of process); `section` narrows the shot to one element.
 */
async function shoot(page: Page, name: string, section?: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: Math.min(height, 6000) });
    await page.waitForTimeout(300);
    const path = `${SHOTS}/${name}-${width}.png`;
    if (section) await page.locator(section).first().screenshot({ path });
    else await page.screenshot({ path });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function noSeriousViolations(page: Page, what: string) {
  const violations = await axeViolations(await page.content());
  expect(violations, what).toEqual([]);
}

describe("the campaign console in Chromium", () => {
  it("writes, reviews, test-sends, sends to a segment, shows progress and the report", async () => {
    // The team: the owner adds a marketer and a reviewer (a medical editor).
    const owner = await createAccount(
      t.db,
      { email: "olu@hopemark.test", name: "Olu Bassey", role: "owner" },
      new Date(),
    );
    expect(owner.ok).toBe(true);
    const marketer = await createAccount(
      t.db,
      { email: "mia@hopemark.test", name: "Mia Torres", role: "marketer" },
      new Date(),
    );
    const reviewer = await createAccount(
      t.db,
      { email: "ravi@hopemark.test", name: "Ravi Nair", role: "reviewer" },
      new Date(),
    );
    if (!marketer.ok || !reviewer.ok) throw new Error("accounts");
    expect((await setAccountTitle(t.db, reviewer.account.id, "Medical editor", new Date())).ok).toBe(true);
    await seed(t, { count: 240, prefix: "sub_n", tags: ["news"] });
    await seed(t, { count: 30, prefix: "sub_o", tags: ["other"] });

    // Mia works from New York: the pages show her times in her zone beside UTC.
    const mia = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "America/New_York" })
    ).newPage();
    const scriptErrors: string[] = [];
    mia.on("pageerror", (e) => scriptErrors.push(e.message));
    // Any of our own resources failing (a script, the stylesheet, a JSON endpoint) counts; the browser's own
    // favicon request does not (the console has none).
    mia.on("response", (r) => {
      if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
        scriptErrors.push(`${r.status()} ${r.url()}`);
    });
    await signIn(mia, "mia@hopemark.test");

    // Write from scratch, from the keyboard.
    await mia.goto(`${base}/admin/campaigns`);
    await mia.getByRole("link", { name: "New campaign" }).press("Enter");
    await mia.waitForURL(`${base}/admin/campaigns/new`);
    await mia.getByLabel("Name (only the team sees it)").focus();
    await mia.keyboard.type("December check-in");
    await mia.keyboard.press("Tab");
    await mia.keyboard.type("Questions for your next appointment");
    await mia.keyboard.press("Tab");
    await mia.keyboard.type("A short list to take with you.");
    await mia.keyboard.press("Tab");
    await mia.keyboard.type(
      "## Before you go\n\nWrite down what has changed since your last visit.\n\nThis checklist is a guaranteed cure for a rushed appointment.\n",
    );
    await mia.getByLabel("Author").selectOption("taylor-carter");

    // The finding appears beside the text as it is typed (no save), with its line; the preview follows.
    const finding = mia.locator("#findings-list li", { hasText: "absolute-claims" }).first();
    await finding.waitFor({ timeout: 10_000 });
    expect(await finding.textContent()).toContain("Error · Body, line 5:");
    await expect
      .poll(() => mia.locator("#preview-subject").textContent())
      .toBe("Questions for your next appointment");
    const frame = mia.frame({ name: "preview-desktop" });
    await expect
      .poll(async () => (await frame?.content()) ?? "", { timeout: 10_000 })
      .toContain("Before you go");
    const phone = mia.frame({ name: "preview-phone" });
    await expect
      .poll(async () => (await phone?.content()) ?? "", { timeout: 10_000 })
      .toContain("Before you go");
    await shoot(mia, "editor-finding");

    // Fix it; the finding goes away as you type.
    const body = mia.getByLabel("Body (Markdown)");
    await body.fill(
      "## Before you go\n\nWrite down what has changed since your last visit.\n\nThis checklist can make a rushed appointment easier.\n",
    );
    await expect.poll(() => mia.locator("#findings-list li").count(), { timeout: 10_000 }).toBe(0);
    await mia.getByRole("button", { name: "Save" }).press("Enter");
    await mia.waitForURL(/\/admin\/campaigns\/cmp_\w+\?done=created/);
    const id = /cmp_\w+/.exec(mia.url())?.[0] ?? "";
    await noSeriousViolations(mia, "campaign page");

    // The audience: the "news" tag, with the live count; then submit for review.
    await mia.getByLabel("Tags").fill("news");
    await expect.poll(() => mia.locator("#audience-count").textContent()).toBe("240");
    await mia.getByRole("button", { name: "Save audience" }).press("Enter");
    await mia.waitForURL(/done=audience/);
    await mia.getByRole("button", { name: "Submit for review" }).press("Enter");
    await mia.waitForURL(/done=submitted/);
    expect(await mia.locator(".review-state").textContent()).toContain("Waiting for a reviewer");
    // Not approved yet: no way to send.
    expect(await mia.getByRole("link", { name: "Send now…" }).count()).toBe(0);

    // The reviewer approves.
    const ravi = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(ravi, "ravi@hopemark.test");
    await ravi.goto(`${base}/admin/campaigns/${id}`);
    await shoot(ravi, "review-step", "#review");
    await noSeriousViolations(ravi, "campaign page, reviewer");
    await ravi.getByRole("button", { name: "Approve" }).press("Enter");
    await ravi.waitForURL(/done=approved/);
    expect(await ravi.locator(".review-state").textContent()).toContain(
      "Reviewed by Ravi Nair, Medical editor",
    );

    // The marketer test-sends to herself; the test email says who reviewed it.
    await mia.goto(`${base}/admin/campaigns/${id}`);
    await mia.getByRole("button", { name: "Send a test to me (mia@hopemark.test)" }).press("Enter");
    await mia.waitForURL(/done=tested/);
    const [test] = await t.db.select().from(outbox).where(eq(outbox.to, "mia@hopemark.test"));
    const tests = (await t.db.select().from(outbox)).filter((m) => m.subject.startsWith("[Test]"));
    expect(tests).toHaveLength(1);
    expect(tests[0]?.text).toMatch(/Reviewed by Ravi Nair, Medical editor, on \w+ \d+, \d{4}\./);
    expect(test).toBeDefined();

    expect(await mia.locator("#field-zone").inputValue()).toBe("America/New_York");
    expect(await mia.locator(".local-time").first().textContent()).toContain("in America/New_York");
    await shoot(mia, "campaign-approved");

    // Send now: the confirmation states the number of recipients.
    await mia.getByRole("link", { name: "Send now…" }).press("Enter");
    await mia.waitForURL(`${base}/admin/campaigns/${id}/send`);
    expect(await mia.locator(".confirm-count").textContent()).toContain("It goes to 240 people now");
    await noSeriousViolations(mia, "send confirmation");

    // Inngest's part: the broadcast runs (paced, 100 per page) once the send is requested, while the page watches.
    let run: Promise<unknown> | undefined;
    const watcher = setInterval(async () => {
      if (run) return;
      const [row] = await t.db.select().from(campaigns).where(eq(campaigns.id, id));
      if (row?.status === "sending")
        run = runBroadcast(t, { campaignId: id }, { overrides: { minPageMs: 2500 } });
    }, 100);
    await mia.getByRole("button", { name: "Send to 240 people now" }).press("Enter");
    await mia.waitForURL(/done=sending/);
    const loadedAt = await mia.evaluate(() => performance.timeOrigin);
    await expect
      .poll(async () => mia.locator("#progress-text").textContent(), { timeout: 20_000 })
      .toMatch(/^(100|200) of 240 sent/);
    await shoot(mia, "progress", "#progress");
    await expect
      .poll(async () => mia.locator("#progress-status").textContent(), { timeout: 30_000 })
      .toContain("Status: sent.");
    clearInterval(watcher);
    await run;
    // Reached the end without a reload: same document, full bar.
    expect(await mia.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    expect(
      await mia
        .locator("#progress-bar")
        .evaluate((el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max]),
    ).toEqual([240, 240]);
    expect(await mia.locator("#progress-text").textContent()).toContain("240 of 240 sent (100%)");

    // Only the segment got it, and every email says who reviewed it.
    const mail = (await t.db.select().from(outbox)).filter((m) => m.idempotencyKey.startsWith(`${id}:`));
    expect(mail).toHaveLength(240);
    expect(mail.every((m) => m.to.startsWith("sub_n"))).toBe(true);
    expect(mail.every((m) => /Reviewed by Ravi Nair, Medical editor, on /.test(m.text))).toBe(true);

    // Delivery feedback comes back from the provider: 200 delivered, 3 bounced, 1 complaint.
    const rows = await t.db.select().from(sends).where(eq(sends.campaignId, id));
    const campaignRows = rows.filter((r) => r.kind === "campaign");
    const start = Date.now() - 10 * 60_000;
    for (const [i, r] of campaignRows.entries()) {
      const to = mail.find((m) => m.id === r.providerMessageId)?.to ?? "";
      if (i < 200) {
        const at = new Date(start + Math.floor(i / 20) * 60_000).toISOString();
        await sendEvent(t, secret, resendEvent("email.delivered", r.providerMessageId ?? "", to, {}, at));
      } else if (i < 203) {
        await sendEvent(
          t,
          secret,
          resendEvent("email.bounced", r.providerMessageId ?? "", to, {
            bounce: { type: "Permanent", subType: "General" },
          }),
        );
      }
    }
    const first = campaignRows[0];
    await sendEvent(
      t,
      secret,
      resendEvent(
        "email.complained",
        first?.providerMessageId ?? "",
        mail.find((m) => m.id === first?.providerMessageId)?.to ?? "",
      ),
    );

    await mia.getByRole("link", { name: "See the report" }).press("Enter");
    await mia.waitForURL(`${base}/admin/campaigns/${id}/report`);
    const figure = (name: string) => mia.locator(`td[data-figure="${name}"]`).textContent();
    expect(await figure("audience")).toBe("240");
    expect(await figure("sent")).toBe("240");
    expect(await figure("delivered")).toMatch(/^200 /);
    expect(await figure("bounced")).toMatch(/^3 /);
    expect(await figure("complained")).toMatch(/^1 /);
    expect(await mia.locator("svg[role=img] desc").textContent()).toContain("200 messages delivered");
    await noSeriousViolations(mia, "report");
    await shoot(mia, "report");
    expect(scriptErrors).toEqual([]);
  }, 120_000);
});

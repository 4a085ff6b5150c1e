// Proves the Worker entry, the drizzle schema and the migrations work inside workerd against D1.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";

const worker = (exports as unknown as { default: unknown }).default as {
  fetch: (req: Request) => Promise<Response>;
};
/** Inngest's request signature for an empty body: HMAC-SHA256(signing key without its prefix, "" + timestamp). */
async function inngestSignature(): Promise<string> {
  const key = String(env.INNGEST_SIGNING_KEY).replace(/^signkey-\w+-/, "");
  const ts = Math.floor(Date.now() / 1000).toString();
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(ts)));
  return `t=${ts}&s=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The app's log lines (one JSON object per console call; the Worker shares this isolate's console), captured
 * instead of printed so the run shows only real failures, and so tests can assert what was logged.
 */
function captureLogs(): { lines: () => Array<Record<string, unknown>> } {
  const spies = (["info", "warn", "error"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => {}),
  );
  return {
    lines: () =>
      spies.flatMap((spy) =>
        spy.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>),
      ),
  };
}
afterEach(() => {
  vi.restoreAllMocks();
});

const get = (path: string) => worker.fetch(new Request(`https://news.hopemark.test${path}`));

describe("Cloudflare Worker with D1", () => {
  it("applies the migrations to D1", async () => {
    const { results } = await env.DB.prepare("select name from sqlite_master where type = 'table'").all<{
      name: string;
    }>();
    const tables = results.map((r) => r.name);
    for (const table of [
      "subscribers",
      "consents",
      "sends",
      "suppressions",
      "outbox",
      "campaigns",
      "pending_events",
    ]) {
      expect(tables).toContain(table);
    }
  });

  it("GET /healthz answers 200 through D1", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: true });
  });

  it("GET /api/inngest lists the functions to a request signed with the signing key", async () => {
    const res = await worker.fetch(
      new Request("https://news.hopemark.test/api/inngest", {
        headers: { "x-inngest-signature": await inngestSignature() },
      }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { function_count: number }).function_count).toBeGreaterThan(0);
  });

  it("POST /api/inngest without a signature runs nothing (production has no dev mode)", async () => {
    const logs = captureLogs();
    const res = await worker.fetch(
      new Request(
        "https://news.hopemark.test/api/inngest?fnId=hopemark-newsletter-purge-unconfirmed&stepId=step",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            event: { name: "inngest/scheduled.timer", data: {} },
            events: [],
            steps: {},
            ctx: {},
          }),
        },
      ),
    );
    expect(res.status).toBe(401);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ level: "error", msg: "Signature validation failed", source: "inngest" }),
    );
  });
});

describe("the signup path on Workers", () => {
  it("records a signup, its consent and its pending event in D1 even when the event bus is unreachable", async () => {
    const logs = captureLogs();
    const res = await worker.fetch(
      new Request("https://news.hopemark.test/api/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.9" },
        body: JSON.stringify({ email: "Worker.Reader@Example.ORG", consent: true, country: "CA" }),
      }),
    );
    expect(res.status).toBe(202);
    const subscriber = await env.DB.prepare("select id, email, status, country from subscribers").first<{
      id: string;
      email: string;
      status: string;
      country: string;
    }>();
    expect(subscriber).toMatchObject({
      email: "Worker.Reader@example.org",
      status: "pending",
      country: "CA",
    });
    const consent = await env.DB.prepare(
      "select action, wording_version from consents where subscriber_id = ?",
    )
      .bind(subscriber?.id)
      .first<{ action: string; wording_version: string }>();
    expect(consent?.action).toBe("given");
    expect(consent?.wording_version).toBeTruthy();
    const pending = await env.DB.prepare("select name, sent_at from pending_events").all<{
      name: string;
      sent_at: number | null;
    }>();
    expect(pending.results).toEqual([{ name: "newsletter/subscriber.created", sent_at: null }]);

    // The send runs after the answer (waitUntil); once the bus has refused it, the event is still there, unsent,
    // with the failure recorded for the reconciler.
    const deadline = Date.now() + 15_000;
    let tried: { sent_at: number | null; attempts: number; last_error: string | null } | null = null;
    while (Date.now() < deadline) {
      tried = await env.DB.prepare("select sent_at, attempts, last_error from pending_events").first();
      if (tried && (tried.attempts > 0 || tried.sent_at !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(tried).toMatchObject({ sent_at: null, attempts: 1 });
    expect(tried?.last_error).toContain("503");
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "event bus unavailable; events left for the reconciler",
      }),
    );
    // Logged without the address (privacy rule).
    expect(JSON.stringify(logs.lines()).toLowerCase()).not.toContain("worker.reader@example.org");
  });

  it("answers 422 with field errors and writes nothing for bad input", async () => {
    const res = await worker.fetch(
      new Request("https://news.hopemark.test/api/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "not-an-address", consent: false }),
      }),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["email", "consent"]));
  });
});

describe("the console on Workers", () => {
  const hex = async (text: string) =>
    Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");

  it("serves the sign-in page and answers a sign-in request under the console CSP", async () => {
    const page = await get("/admin/login");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Send sign-in link");
    expect(page.headers.get("content-security-policy")).toContain("style-src 'self'");
    const css = await get("/admin/assets/console.css");
    expect(css.status).toBe(200);
    const res = await worker.fetch(
      new Request("https://news.hopemark.test/admin/login", {
        method: "POST",
        headers: {
          origin: "https://news.hopemark.test",
          "content-type": "application/x-www-form-urlencoded",
          "cf-connecting-ip": "203.0.113.10",
        },
        body: "email=nobody%40hopemark.test",
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
  });

  it("reads a session from D1 through the __Host- cookie and shows the dashboard", async () => {
    const token = "A".repeat(43);
    await env.DB.prepare(
      "insert into accounts (id, email, email_hash, name, role) values ('acc_worker', 'olive@hopemark.test', 'h', 'Olive Owner', 'owner')",
    ).run();
    await env.DB.prepare(
      "insert into account_sessions (id, account_id, last_seen_at, expires_at) values (?, 'acc_worker', ?, ?)",
    )
      .bind(await hex(token), Date.now(), Date.now() + 3_600_000)
      .run();
    const res = await worker.fetch(
      new Request("https://news.hopemark.test/admin", {
        headers: { cookie: `__Host-hopemark_console=${token}` },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Welcome, Olive Owner");
    const signedOut = await worker.fetch(
      new Request("https://news.hopemark.test/admin", { redirect: "manual" }),
    );
    expect([signedOut.status, signedOut.headers.get("location")]).toEqual([302, "/admin/login"]);
  });
});

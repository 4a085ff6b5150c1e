// Hostile or broken requests to every journey endpoint get a clear 4xx, never a 500.
import { afterEach, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

const POSTS = [
  "/api/subscribe",
  "/confirm",
  "/unsubscribe",
  "/api/unsubscribe?token=x.y",
  "/api/webhooks/signup",
];
const GETS = [
  "/confirm",
  "/confirm?token=",
  "/confirm?token=a.b.c",
  `/confirm?token=${"x".repeat(5000)}`,
  "/unsubscribe?token=%ZZ",
  "/api/unsubscribe",
];

const BODIES: [string | undefined, string][] = [
  ["multipart/form-data", "garbage"],
  ["multipart/form-data; boundary=abc", "garbage"],
  ["application/x-www-form-urlencoded", "%%%=&&a=%zz&token=%E0%A4%A"],
  ["application/json", "{"],
  ["application/json", "null"],
  ["application/json", '"just a string"'],
  ["application/json", '{"email":{"$ne":null},"consent":[true],"firstName":123}'],
  ["text/plain", "hello"],
  [undefined, ""],
];

it("every journey endpoint answers bad input with a 4xx", async () => {
  // A trusted proxy with a fresh address per request keeps the rate limiter out of the way.
  t = createTestApp({ env: { TRUST_PROXY: "1" } });
  let n = 0;
  const from = () => ({ "x-forwarded-for": `198.51.100.${++n % 250}` });
  for (const path of POSTS) {
    for (const [type, body] of BODIES) {
      const res = await t.app.request(path, {
        method: "POST",
        headers: { ...(type ? { "content-type": type } : {}), ...from() },
        body,
      });
      expect(res.status, `${path} ${type} ${body}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${type} ${body}`).toBeLessThan(500);
    }
  }
  for (const path of GETS) {
    const res = await t.app.request(path, { headers: from() });
    expect(res.status, path).toBeLessThan(500);
  }
  expect(t.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
});

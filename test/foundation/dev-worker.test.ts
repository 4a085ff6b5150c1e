// `npm run dev:worker -- --port X`: options reach wrangler dev, development defaults are set unless .dev.vars
// sets them, and the reconciler can run (wrangler's /__scheduled endpoint).
import { expect, it } from "vitest";
import { devVarNames, portFrom, wranglerDevArgs } from "../../scripts/dev-worker.ts";

it("forwards the person's options to wrangler dev after the development defaults", () => {
  expect(wranglerDevArgs(["--port", "8790", "--ip", "0.0.0.0"], new Set())).toEqual([
    "dev",
    "--local",
    "--test-scheduled",
    "--var",
    "NODE_ENV:development",
    "--var",
    "INNGEST_DEV:1",
    "--var",
    "APP_URL:http://127.0.0.1:8790",
    "--port",
    "8790",
    "--ip",
    "0.0.0.0",
  ]);
});

it("uses port 8787 by default and reads --port in both spellings", () => {
  expect(portFrom([])).toBe(8787);
  expect(portFrom(["--port", "9000"])).toBe(9000);
  expect(portFrom(["--port=9001"])).toBe(9001);
  expect(wranglerDevArgs([], new Set())).toContain("APP_URL:http://127.0.0.1:8787");
});

it("leaves a default alone when .dev.vars sets it", () => {
  const vars = devVarNames(
    "# comment\nAPP_URL=https://tunnel.example\n INNGEST_DEV = http://127.0.0.1:8288\n",
  );
  expect([...vars].sort()).toEqual(["APP_URL", "INNGEST_DEV"]);
  expect(wranglerDevArgs([], vars)).toEqual([
    "dev",
    "--local",
    "--test-scheduled",
    "--var",
    "NODE_ENV:development",
  ]);
});

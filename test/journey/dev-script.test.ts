// `npm run dev` (scripts/dev.ts) where the Inngest dev server cannot start, as on a machine without internet:
// one line says so, the app keeps serving, and a signal stops everything.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it("keeps the app running and says so in one line when the Inngest dev server cannot start", async () => {
  const [port, unusedPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), "hopemark-dev-"));
  dirs.push(dir);
  const child = spawn(process.execPath, ["scripts/dev.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      DATABASE_PATH: join(dir, "dev.sqlite"),
      INNGEST_DEV: `http://127.0.0.1:${unusedPort}`,
      DEV_INNGEST_COMMAND: "node -e process.exit(3)",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const health = await waitFor(async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return res.status;
      } catch {
        return undefined;
      }
    }, 20_000);
    expect(health).toBe(200);
    await waitFor(async () => (output.includes("[dev]") ? true : undefined), 10_000);
    const lines = output.split("\n").filter((l) => l.includes("[dev]"));
    expect(lines).toEqual([
      "[dev] Inngest dev server unavailable (exited with code 3); the app keeps running and events wait for the reconciler.",
    ]);
    // Still serving after the dev server gave up.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  } finally {
    child.kill("SIGTERM");
  }
  await exited;
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
}, 40_000);

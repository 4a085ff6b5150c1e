// `npm run dev` (scripts/dev.ts) where the Inngest dev server cannot start, as on a machine without internet:
// it says why (the child's own error), how to start it by hand, tries again, the app keeps serving, and a signal
// stops everything. And where the port is taken: one line and a non-zero exit, not a stack and a wait.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
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

it("keeps the app running, shows the dev server's own error and the command to run, and tries again", async () => {
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
      DEV_INNGEST_COMMAND: "node test/fixtures/dev/fail-download.mjs",
      DEV_INNGEST_RETRY_MS: "300",
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
    }, 60_000);
    expect(health).toBe(200);
    const lines = () => output.split("\n").filter((l) => l.includes("[dev]"));
    await waitFor(async () => (lines().length >= 5 ? true : undefined), 30_000);
    const failed = `[dev] Inngest dev server unavailable (exited with code 1: FetchError: request to https://github.com/inngest/inngest/releases/download/v1.45.1/inngest_1.45.1_linux_amd64.tar.gz failed, reason: getaddrinfo ENOTFOUND github.com); the app keeps running and events wait in the database until it is reachable.`;
    const byHand = `[dev]   To start it by hand, in another terminal: npx --yes --ignore-scripts=false --foreground-scripts inngest-cli@latest dev -u http://127.0.0.1:${port}/api/inngest`;
    expect(lines()).toEqual([failed, byHand, "[dev]   Trying again in 0 s.", failed, byHand]);
    // Still serving after the dev server gave up.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  } finally {
    child.kill("SIGTERM");
  }
  await exited;
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
}, 120_000);

async function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

it("says the port is in use and exits 1, for npm run dev and for npm start", async () => {
  const port = await freePort();
  const blocker = await occupy(port);
  const dir = mkdtempSync(join(tmpdir(), "hopemark-dev-"));
  dirs.push(dir);
  const env = {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(port),
    DATABASE_PATH: join(dir, "dev.sqlite"),
    DEV_INNGEST_COMMAND: "node -e process.exit(3)",
    // A typo the start-up warns about (it is otherwise ignored silently).
    DRIP_TIMESCALE: "0.0001",
  };
  try {
    const dev = spawnSync(process.execPath, ["scripts/dev.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(dev.status).toBe(1);
    expect(dev.stderr.trim()).toBe(
      `[dev] port ${port} is in use on 127.0.0.1 (another \`npm run dev\`, or another app); stop it, or pick another port: PORT=3001 npm run dev`,
    );
    const start = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(start.status).toBe(1);
    const lines = start.stderr.trim().split("\n");
    expect(lines.at(-1)).toBe(
      `port ${port} is in use on 127.0.0.1; stop what uses it, or set PORT to another port (e.g. PORT=3001 npm start)`,
    );
    expect(start.stderr).not.toMatch(/^\s+at /m);
    expect(start.stderr).toContain(
      "DRIP_TIMESCALE is not a setting this app reads, so it is ignored; did you mean DRIP_TIME_SCALE?",
    );
  } finally {
    blocker.close();
  }
}, 150_000);

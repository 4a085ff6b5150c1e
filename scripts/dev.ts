// `npm run dev`: the app with file reload and, beside it, the Inngest dev server. Node 24 runs this file directly
// (type stripping), so it uses only erasable TypeScript. Where the dev server cannot be downloaded or started
// (no internet, a firewall), it says why (the child's own error), how to start it by hand, and tries again a few
// times; the app keeps running and events wait in pending_events for the reconciler, which re-sends them once a
// dev server is reachable.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const devServerUrl = process.env.INNGEST_DEV?.startsWith("http")
  ? process.env.INNGEST_DEV
  : "http://127.0.0.1:8288";
const readyTimeoutMs = Number(process.env.INNGEST_DEV_TIMEOUT_MS ?? 45_000);
// Later attempts wait longer; a download that failed once (no network) rarely works a second later.
const retryDelaysMs = (process.env.DEV_INNGEST_RETRY_MS ?? "15000,60000")
  .split(",")
  .filter(Boolean)
  .map(Number);
// --foreground-scripts: without it npx hides the postinstall's output, and a failed binary download exits 1
// silently. The same command is what the README and the pages tell a person to run by hand.
const handCommand = `npx --yes --ignore-scripts=false --foreground-scripts inngest-cli@latest dev -u http://127.0.0.1:${port}/api/inngest`;
// The command can be replaced, e.g. by a locally installed `inngest-cli dev ...` (and by tests).
const inngestCommand = (process.env.DEV_INNGEST_COMMAND ?? handCommand).split(" ").filter(Boolean);

const say = (line: string) => console.info(`[dev] ${line}`);

/** Resolves false when something already listens on host:port (another `npm run dev`, another app). */
function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(Number(port), host, () => probe.close(() => resolve(true)));
  });
}

let app: ChildProcess | undefined;
let inngest: ChildProcess | undefined;
let stopping = false;

function stopInngest() {
  const pid = inngest?.pid;
  if (pid === undefined || inngest?.exitCode !== null) return;
  try {
    // Its own process group (detached), so npx's child processes go too.
    process.kill(-pid, "SIGTERM");
  } catch {
    inngest?.kill("SIGTERM");
  }
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** The line of the child's output that says what went wrong: the first error-looking one, else the last. */
function causeOf(output: string): string {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /error|failed|ENOTFOUND|EACCES|denied|not found/i.test(l)) ?? lines.at(-1);
  return line ? line.slice(0, 240) : "";
}

/** One attempt: resolves undefined once the dev server answers, else the reason it did not. */
async function attempt(): Promise<string | undefined> {
  const [command, ...args] = inngestCommand;
  if (!command) return "no command";
  let exited: string | undefined;
  let output = "";
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env: process.env });
  inngest = child;
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-16_000);
  };
  child.stdout?.on("data", remember);
  child.stderr?.on("data", remember);
  child.on("error", (error) => {
    exited = error.message;
  });
  child.on("exit", (code, signal) => {
    exited ??= signal ? `stopped by ${signal}` : `exited with code ${code}`;
  });

  const deadline = Date.now() + readyTimeoutMs;
  while (!stopping && exited === undefined && Date.now() < deadline) {
    if (await reachable(devServerUrl)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // Let the last of its output arrive before reading it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  stopInngest();
  const reason = exited ?? `not ready after ${Math.round(readyTimeoutMs / 1000)} s`;
  const cause = causeOf(output);
  return cause ? `${reason}: ${cause}` : reason;
}

async function startInngest() {
  if (await reachable(devServerUrl)) {
    say(`using the Inngest dev server already running at ${devServerUrl}`);
    return;
  }
  for (let tries = 0; !stopping; tries++) {
    const problem = await attempt();
    if (stopping) return;
    if (problem === undefined) {
      say(`Inngest dev server at ${devServerUrl} (functions from http://127.0.0.1:${port}/api/inngest)`);
      return;
    }
    const delay = retryDelaysMs[tries];
    say(
      `Inngest dev server unavailable (${problem}); the app keeps running and events wait in the database until it is reachable.`,
    );
    say(`  To start it by hand, in another terminal: ${handCommand}`);
    if (delay === undefined) return;
    say(`  Trying again in ${Math.round(delay / 1000)} s.`);
    await new Promise((resolve) => setTimeout(resolve, delay).unref());
  }
}

function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  stopInngest();
  app?.kill(signal);
}

async function main() {
  // `node --watch` would print the server's EADDRINUSE stack and then wait for file changes forever.
  if (!(await portIsFree())) {
    console.error(
      `[dev] port ${port} is in use on ${host} (another \`npm run dev\`, or another app); stop it, or pick another port: PORT=3001 npm run dev`,
    );
    process.exit(1);
  }
  app = spawn(process.execPath, ["--watch", "--import", "tsx", "src/server.ts"], {
    stdio: "inherit",
    env: { ...process.env, INNGEST_DEV: process.env.INNGEST_DEV ?? "1" },
  });
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  app.on("exit", (code, signal) => {
    stopping = true;
    stopInngest();
    process.exit(code ?? (signal ? 1 : 0));
  });
  void startInngest();
}

void main();

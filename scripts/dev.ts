// `npm run dev`: the app with file reload and, beside it, the Inngest dev server. Node 24 runs this file directly
// (type stripping), so it uses only erasable TypeScript. Where the dev server cannot be downloaded or started
// (no internet, a firewall), it says so in one line and the app keeps running; events then wait in
// pending_events for the reconciler, which re-sends them once a dev server is reachable.
import { type ChildProcess, spawn } from "node:child_process";

const port = process.env.PORT ?? "3000";
const devServerUrl = process.env.INNGEST_DEV?.startsWith("http")
  ? process.env.INNGEST_DEV
  : "http://127.0.0.1:8288";
const readyTimeoutMs = Number(process.env.INNGEST_DEV_TIMEOUT_MS ?? 45_000);
// The command can be replaced, e.g. by a locally installed `inngest-cli dev ...` (and by tests).
const inngestCommand = process.env.DEV_INNGEST_COMMAND?.split(" ").filter(Boolean) ?? [
  "npx",
  "--yes",
  "--ignore-scripts=false",
  "inngest-cli@latest",
  "dev",
  "-u",
  `http://127.0.0.1:${port}/api/inngest`,
];

const say = (line: string) => console.info(`[dev] ${line}`);

const app = spawn(process.execPath, ["--watch", "--import", "tsx", "src/server.ts"], {
  stdio: "inherit",
  env: { ...process.env, INNGEST_DEV: process.env.INNGEST_DEV ?? "1" },
});

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

async function startInngest() {
  if (await reachable(devServerUrl)) {
    say(`using the Inngest dev server already running at ${devServerUrl}`);
    return;
  }
  const [command, ...args] = inngestCommand;
  if (!command) return;
  let exited: string | undefined;
  let lastLine = "";
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env: process.env });
  inngest = child;
  const remember = (chunk: Buffer) => {
    const line = chunk.toString("utf8").trim().split("\n").filter(Boolean).at(-1);
    if (line) lastLine = line.slice(0, 160);
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
    if (await reachable(devServerUrl)) {
      say(`Inngest dev server at ${devServerUrl} (functions from http://127.0.0.1:${port}/api/inngest)`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (stopping) return;
  const reason = exited ?? `not ready after ${Math.round(readyTimeoutMs / 1000)} s`;
  stopInngest();
  say(
    `Inngest dev server unavailable (${reason}${lastLine ? `: ${lastLine}` : ""}); the app keeps running and events wait for the reconciler.`,
  );
}

function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  stopInngest();
  app.kill(signal);
}

process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
app.on("exit", (code, signal) => {
  stopping = true;
  stopInngest();
  process.exit(code ?? (signal ? 1 : 0));
});

void startInngest();

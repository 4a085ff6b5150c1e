// `npm run dev:worker [-- wrangler dev options]`: the Worker under `wrangler dev --local` with development
// settings, on http://127.0.0.1:8787 unless `--port` says otherwise. Options after `--` reach wrangler dev.
// Node 24 runs this file directly (type stripping), so it uses only erasable TypeScript.
//
// Development defaults (a setting in .dev.vars wins): NODE_ENV=development (local outbox at /dev/outbox),
// INNGEST_DEV=1 (events go to a local Inngest dev server, not Inngest Cloud) and APP_URL on the Worker's port.
// `wrangler dev` never runs the cron trigger, so this also calls the reconciler once a minute through wrangler's
// /__scheduled endpoint (--test-scheduled); DEV_WORKER_RECONCILE=0 turns that off.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const RECONCILE_EVERY_MS = 60_000;

/** The port wrangler will listen on: `--port N` or `--port=N` among the forwarded options, else 8787. */
export function portFrom(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--port") return Number(args[i + 1]);
    if (arg.startsWith("--port=")) return Number(arg.slice("--port=".length));
  }
  return 8787;
}

/** Variable names set in a .dev.vars file (KEY=value lines). */
export function devVarNames(text: string): Set<string> {
  return new Set(
    text
      .split("\n")
      .map((line) => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined),
  );
}

/** `wrangler dev` arguments: our development defaults (unless .dev.vars sets them), then the person's own. */
export function wranglerDevArgs(forwarded: string[], devVars: Set<string>): string[] {
  const port = portFrom(forwarded);
  const defaults: [string, string][] = [
    ["NODE_ENV", "development"],
    ["INNGEST_DEV", "1"],
    ["APP_URL", `http://127.0.0.1:${port}`],
  ];
  const vars = defaults
    .filter(([name]) => !devVars.has(name))
    .flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  return ["dev", "--local", "--test-scheduled", ...vars, ...forwarded];
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => done(true)));
  });
}

async function main() {
  const say = (line: string) => console.info(`[dev:worker] ${line}`);
  const forwarded = process.argv.slice(2);
  const port = portFrom(forwarded);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error("[dev:worker] --port needs a number, e.g. npm run dev:worker -- --port 8790");
    process.exit(2);
  }
  if (!(await portIsFree(port))) {
    console.error(`[dev:worker] port ${port} is in use; pick another: npm run dev:worker -- --port 8790`);
    process.exit(1);
  }
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
  };
  const wrangler = join("node_modules", ".bin", "wrangler");
  const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: "inherit", env });
  if (run(process.execPath, ["--import", "tsx", "scripts/bundle-content.ts"]).status !== 0) process.exit(1);
  if (run(wrangler, ["d1", "migrations", "apply", "DB", "--local"]).status !== 0) process.exit(1);

  const devVars = existsSync(".dev.vars")
    ? devVarNames(readFileSync(".dev.vars", "utf8"))
    : new Set<string>();
  const child = spawn(wrangler, wranglerDevArgs(forwarded, devVars), { stdio: "inherit", env });
  say(`the Worker will be at http://127.0.0.1:${port} (another port: npm run dev:worker -- --port 8790)`);
  say(
    `events go to the Inngest dev server; start it in another terminal: npx --yes --ignore-scripts=false --foreground-scripts inngest-cli@latest dev -u http://127.0.0.1:${port}/api/inngest`,
  );

  let timer: NodeJS.Timeout | undefined;
  if (process.env.DEV_WORKER_RECONCILE !== "0") {
    say("the event reconciler (the cron trigger in production) runs once a minute");
    timer = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/__scheduled?cron=*+*+*+*+*`, {
        signal: AbortSignal.timeout(10_000),
      }).catch(() => undefined);
    }, RECONCILE_EVERY_MS);
  }
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code) => {
    clearInterval(timer);
    process.exit(code ?? 1);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();

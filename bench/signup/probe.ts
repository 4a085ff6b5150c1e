// Preloaded into a benchmarked server by bench:signup (NODE_OPTIONS="--import .../probe.ts"), so the figures
// come from inside the server's own process: its CPU time (process.cpuUsage(), which counts only this process,
// whatever else runs on the machine), its event-loop delay, and on request a CPU profile of exactly the measured
// window. It answers on its own loopback port (BENCH_PROBE_PORT), never on the app's.
//
// NODE_OPTIONS reaches every node process under `npm start` (npm itself, the Node version check), so the probe
// only starts in the process whose entry file ends with one of BENCH_PROBE_MAIN's comma-separated names. Plain JavaScript syntax with type
// annotations only: the server runs without a TypeScript loader and Node strips the types.
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";

const port = Number(process.env.BENCH_PROBE_PORT);
const mains = (process.env.BENCH_PROBE_MAIN ?? "").split(",").filter(Boolean);
const entry = process.argv[1] ?? "";

if (port && mains.some((main) => entry.endsWith(main))) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let session: Session | undefined;

  const probe = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://probe");
    let body: unknown = { ok: true };
    if (url.pathname === "/cpu") {
      const { user, system } = process.cpuUsage();
      // Event-loop delay since the last reset: how long a ready request could have waited for the loop.
      body = {
        cpuMicros: user + system,
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
      };
      if (url.searchParams.has("reset")) delay.reset();
    } else if (url.pathname === "/profile/start") {
      session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    } else if (url.pathname === "/profile/stop" && session) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(url.searchParams.get("file") ?? "server.cpuprofile", JSON.stringify(profile));
      session.disconnect();
      session = undefined;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  probe.listen(port, "127.0.0.1");
  probe.unref();
}

// The load generator for bench:signup, in a child process of its own (forked by bench/signup.ts), so autocannon
// neither shares an event loop with the benchmark's stand-ins for Inngest and Resend nor is counted in the
// server's CPU. It receives one run at a time over IPC, builds every request itself (its own address and client
// IP per signup) and answers with the figures and the keys of the accepted requests.
import autocannon from "autocannon";

export type LoadTarget =
  | { kind: "signup"; body: "json" | "form"; label: string }
  | { kind: "get"; path: string }
  | { kind: "unsubscribe"; tokens: string[] };

export type LoadRun = {
  url: string;
  connections: number;
  amount: number;
  capMs: number;
  /** Client addresses are 10.<run>.x.y, so no two requests of a benchmark share one (at most 65,536 per run). */
  run: number;
  target: LoadTarget;
};

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  /** Keys (signup address, unsubscribe token) of requests answered 202 or 303 (signups) or 200. */
  accepted: string[];
  /** When the last answer arrived (Date.now()), for the drain measurement. */
  lastAnswerAt: number;
};

type Next = {
  key: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
};

function requests(run: LoadRun): () => Next {
  let n = 0;
  const ip = () => `10.${run.run & 255}.${(n >> 8) & 255}.${n & 255}`;
  const t = run.target;
  if (t.kind === "get") return () => ({ key: String(++n), method: "GET", path: t.path, headers: {} });
  if (t.kind === "unsubscribe") {
    return () => {
      const token = t.tokens[n++ % t.tokens.length] as string;
      return {
        key: token,
        method: "POST",
        path: `/api/unsubscribe?token=${token}`,
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip() },
        body: "List-Unsubscribe=One-Click",
      };
    };
  }
  return () => {
    const email = `reader-${t.label}-${++n}@readers.hopemark-bench.org`;
    const address = ip();
    return {
      key: email,
      method: "POST",
      path: "/api/subscribe",
      headers: {
        "content-type": t.body === "json" ? "application/json" : "application/x-www-form-urlencoded",
        "x-forwarded-for": address,
        "cf-connecting-ip": address,
        "user-agent": "bench-signup/1",
      },
      body:
        t.body === "json"
          ? JSON.stringify({ email, firstName: "Sam", consent: true, source: "embed" })
          : new URLSearchParams({ email, firstName: "Sam", consent: "yes", source: "embed" }).toString(),
    };
  };
}

async function load(run: LoadRun): Promise<LoadResult> {
  const next = requests(run);
  const accepted: string[] = [];
  // Timed from the first request sent to the last answer: autocannon's own duration is in whole seconds and
  // includes its start-up and a final reporting tick, too coarse for runs of a few seconds.
  let first = 0;
  let last = 0;
  let lastAnswerAt = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: run.url,
        connections: run.connections,
        amount: run.amount,
        timeout: 10,
        requests: [
          {
            setupRequest: (request, context) => {
              if (first === 0) first = performance.now();
              const r = next();
              (context as { key?: string }).key = r.key;
              return {
                ...request,
                method: r.method,
                path: r.path,
                headers: { ...request.headers, ...r.headers },
                ...(r.body !== undefined ? { body: r.body } : {}),
              };
            },
            onResponse: (status, _body, context) => {
              last = performance.now();
              lastAnswerAt = Date.now();
              if (status === 202 || status === 303 || status === 200)
                accepted.push((context as { key?: string }).key ?? "");
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    setTimeout(() => instance.stop(), run.capMs).unref();
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {}))
    statuses[code] = Number(count ?? 0);
  return {
    rps: result.requests.total / (Math.max(last - first, 1) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
    accepted,
    lastAnswerAt,
  };
}

process.on("message", (run: LoadRun) => {
  load(run).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});

// Inngest Cloud / the dev server are outside this machine, so tests give the real Inngest client a fetch that
// answers like its event API and records what was sent. `failing = true` simulates the event bus being down.
export type SentEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };

export function createFakeInngestApi() {
  const state = { failing: false, hanging: false, delayMs: 0, events: [] as SentEvent[], calls: 0 };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    state.calls++;
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (state.failing) throw new TypeError("fetch failed");
    // Accepts the connection and never answers (until the caller gives up).
    if (state.hanging) return new Promise<Response>(() => {});
    // An event API that is up but far away (or slow).
    if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (/\/e\/[^/]+$/.test(new URL(url).pathname) && init?.method === "POST") {
      const payloads = JSON.parse(String(init.body)) as SentEvent[];
      state.events.push(...payloads);
      return Response.json({
        ids: payloads.map((p, i) => p.id ?? `evt-${state.events.length + i}`),
        status: 200,
      });
    }
    return Response.json({ error: "not found" }, { status: 404 });
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    get events() {
      return state.events;
    },
    named(name: string) {
      return state.events.filter((e) => e.name === name);
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    set hanging(value: boolean) {
      state.hanging = value;
    },
    get calls() {
      return state.calls;
    },
    clear() {
      state.events.length = 0;
    },
  };
}
export type FakeInngestApi = ReturnType<typeof createFakeInngestApi>;

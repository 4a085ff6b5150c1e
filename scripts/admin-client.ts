// What the marketer CLI's commands share: the terminal and files they use (injected, so tests run them against
// the real app), the typed admin API client, and how a refusal or an unreachable server is reported.
// The client is hono/client's `hc` over the app's own route types (src/api/admin/index.ts), so a renamed route,
// field or response shape is a type error here rather than a cast that fails at run time.
import { hc } from "hono/client";
import type { AdminApi } from "../src/api/admin/index.ts";
import { formatFinding } from "../src/lint/format.ts";
import type { Finding } from "../src/lint/types.ts";

export type CliIo = {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when `out` is a terminal: the progress line then rewrites itself in place. */
  tty: boolean;
  sleep: (ms: number) => Promise<void>;
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  /** How long one API call may take (default 15 s). */
  requestTimeoutMs?: number;
};

/** Bad usage or an unreachable server: the message is printed and the CLI exits 2. */
export class UsageError extends Error {}

export type AdminClient = ReturnType<typeof hc<AdminApi>>;

/**
 * The admin API at `${appUrl}/api/admin` with the bearer token. Every call gives up after the request timeout and
 * reads its whole body under it, so neither a silent server nor a stalled body hangs the CLI.
 */
export function adminClient(io: CliIo, appUrl: string, token: string): AdminClient {
  const timeoutMs = io.requestTimeoutMs ?? 15_000;
  const timedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      const res = await io.fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const body = res.body === null ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new UsageError(
          `no answer from ${appUrl} within ${Math.round(timeoutMs / 1000)} s; the server may be stuck or still starting: check its terminal and try again.`,
        );
      }
      throw new UsageError(
        `cannot reach ${appUrl} (${(error as Error).message}); is the server running (npm run dev)? Elsewhere set APP_URL.`,
      );
    }
  };
  return hc<AdminApi>(`${appUrl}/api/admin`, {
    fetch: timedFetch as typeof fetch,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The error shape every admin route answers with (src/api/errors.ts), plus the linter's findings on a 422. */
type ApiErrorBody = {
  error?: { code?: string; message?: string; fields?: Record<string, string[]>; findings?: Finding[] };
};

/**
 * Prints the API's refusal (code, message, field messages, linter findings); exit code 1. The body is read as
 * text: a refusal from outside the typed routes (the bearer check, a proxy) may not be our JSON.
 */
export async function refusedBy(
  io: Pick<CliIo, "err">,
  res: { status: number; text(): Promise<string> },
): Promise<number> {
  let body: ApiErrorBody = {};
  try {
    body = JSON.parse(await res.text()) as ApiErrorBody;
  } catch {
    // Not JSON: the status alone is reported.
  }
  const error = body.error;
  io.err(`campaign: ${res.status} ${error?.code ?? "error"}: ${error?.message ?? "request failed"}\n`);
  for (const [field, messages] of Object.entries(error?.fields ?? {}))
    io.err(`  ${field}: ${messages.join("; ")}\n`);
  for (const finding of error?.findings ?? []) io.err(`  ${formatFinding(finding)}\n`);
  if (res.status === 401) io.err("  (check ADMIN_TOKEN)\n");
  return 1;
}

// Structured logs with redaction. Subscriber addresses and tokens are health-related personal data (safety
// rule 17): anything that looks like an email address or a token is masked before it is written.
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const TOKEN_PARAM = /([?&](?:token|key|signature)=)[^&\s"']+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const SECRET_KEYS = /^(email|to|from|token|authorization|password|secret|signature|ip|apikey|api_key)$/i;

export function redact(value: unknown): unknown {
  if (typeof value === "string") {
    return value
      .replace(EMAIL, "[email]")
      .replace(TOKEN_PARAM, "$1[redacted]")
      .replace(BEARER, "$1[redacted]");
  }
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}

export type Logger = Record<Level, (message: string, fields?: Record<string, unknown>) => void>;

/** Each level goes to its console method, so platforms (wrangler, Workers logs) classify lines correctly. */
const consoleSink = (line: string, level: Level) =>
  level === "error" ? console.error(line) : level === "warn" ? console.warn(line) : console.info(line);

export function createLogger(
  minLevel: Level = "info",
  sink: (line: string, level: Level) => void = consoleSink,
): Logger {
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[minLevel]) return;
    sink(
      JSON.stringify({
        level,
        time: new Date().toISOString(),
        msg: redact(message),
        ...(redact(fields ?? {}) as object),
      }),
      level,
    );
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

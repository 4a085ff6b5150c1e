// Every environment variable is parsed here, once, by one zod schema. Routes and functions receive the typed
// result; nothing else reads process.env or Worker bindings for settings.
import { z } from "zod";

/**
 * A Svix / Standard Webhooks secret as Resend shows it: "whsec_" + base64 of the key. A malformed one would make
 * every verification throw, so every delivery webhook would be refused; better to refuse the start.
 */
export function isSvixSecret(secret: string): boolean {
  if (!secret.startsWith("whsec_")) return false;
  const key = secret.slice("whsec_".length);
  return key.length >= 4 && key.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(key);
}

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/**
 * Which proxy sits in front of the app (TRUST_PROXY). Only the header that proxy sets is believed, and only as
 * far as that proxy vouches for it; otherwise a client could pick its own rate-limit bucket, lock other people
 * out and write any address it likes into consent records.
 * - none: the socket address (direct exposure, or a proxy we know nothing about).
 * - cloudflare: `cf-connecting-ip`, which Cloudflare overwrites on every request (Workers, or an origin that only
 *   Cloudflare can reach).
 * - hops: `X-Forwarded-For` with N proxies in front: the N-th entry from the right is the address the outermost
 *   proxy saw; everything to its left was written by the client.
 * - addresses: `X-Forwarded-For`, believed only when the socket peer is one of these proxies, read from the
 *   right skipping the listed proxies.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "cloudflare" }
  | { kind: "hops"; hops: number }
  | { kind: "addresses"; addresses: string[] };

export const MAX_PROXY_HOPS = 10;

/** Parses TRUST_PROXY; returns an error message (never the value) when it does not name a proxy. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { error: string } {
  const value = (raw ?? "").trim().toLowerCase();
  if (["", "false", "0", "no", "off", "none"].includes(value)) return { kind: "none" };
  if (value === "cloudflare") return { kind: "cloudflare" };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= MAX_PROXY_HOPS) return { kind: "hops", hops };
    return { error: `a number of proxy hops must be between 1 and ${MAX_PROXY_HOPS}` };
  }
  const addresses = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const isIp = (a: string) => z.union([z.ipv4(), z.ipv6()]).safeParse(a).success;
  if (addresses.length > 0 && addresses.every(isIp)) {
    // A dual-stack socket reports an IPv4 peer as "::ffff:10.0.0.1"; lib/ip.ts compares both sides that way.
    return { kind: "addresses", addresses: addresses.map((a) => a.replace(/^::ffff:(?=\d+\.)/, "")) };
  }
  return {
    error:
      'name the proxy: "cloudflare", a number of proxy hops (e.g. 1), or a comma-separated list of proxy addresses ("true" is no longer accepted)',
  };
}

/** Node only; src/server.ts keeps the development TOKEN_SECRET beside it. */
export const DEFAULT_DATABASE_PATH = "./data/hopemark.sqlite";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().default(DEFAULT_DATABASE_PATH),
  SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  TOKEN_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: z.url().optional(),
  RESEND_WEBHOOK_SECRET: optionalString,
  SIGNUP_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  EMAIL_FROM: z.string().min(3).optional(),
  REPLIES_ADDRESS: z.email("must be an email address").optional(),
  REPLIES_FORWARD_TO: z.email("must be an email address").optional(),
  REPLY_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  POSTAL_ADDRESS: z.string().min(10, "must be a full postal address").optional(),
  MAIL_TRANSPORT: z.enum(["resend", "outbox"]).optional(),
  INNGEST_DEV: optionalString,
  INNGEST_BASE_URL: z.url().optional(),
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  INNGEST_SIGNING_KEY_FALLBACK: optionalString,
  DRIP_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  TRACKING: z.enum(["on", "off"]).default("off"),
  BROADCAST_BATCHES_PER_SECOND: z.coerce.number().int().min(1).max(100).default(5),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const trust = parseTrustProxy(v);
      if ("error" in trust) {
        ctx.addIssue({ code: "custom", message: trust.error });
        return z.NEVER;
      }
      return trust;
    }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  BRAND_TIME_ZONE: z
    .string()
    .default("America/New_York")
    .transform((v, ctx) => {
      const zone = canonicalTimeZone(v);
      if (zone) return zone;
      ctx.addIssue({ code: "custom", message: 'must be an IANA time zone, like "America/New_York"' });
      return z.NEVER;
    }),
  DELIVERY_WINDOW: z
    .string()
    .default("08:00-20:00")
    .transform((v, ctx) => {
      const window = parseDeliveryWindow(v);
      if (window !== undefined) return window;
      ctx.addIssue({
        code: "custom",
        message: 'use "HH:MM-HH:MM" with the start before the end, like "08:00-20:00", or "off"',
      });
      return z.NEVER;
    }),
});

// Time zone names and clock times are checked here, for BRAND_TIME_ZONE and DELIVERY_WINDOW, and reused by
// src/lib/time-zone.ts for subscribers' zones (lib may import config; config imports nothing of ours).

/** IANA names look like "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+5" or "UTC". */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;
export const MAX_TIME_ZONE_LENGTH = 64;

/**
 * The zone's canonical name when the runtime knows it, else undefined. Offsets such as "+05:00" are refused even
 * where Intl accepts them: they carry no daylight-saving rules, so "9:00 local" would drift twice a year.
 */
export function canonicalTimeZone(value: string): string | undefined {
  const name = value.trim();
  if (name.length === 0 || name.length > MAX_TIME_ZONE_LENGTH || !IANA_SHAPE.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** "HH:MM" as minutes after midnight; 24:00 is allowed as the end of a day. */
export function parseClock(value: string): number | undefined {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value.trim());
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/** A daily window in local time, [start, end) in minutes after midnight, start before end. */
export type DailyWindow = { start: number; end: number };

/** DELIVERY_WINDOW: "08:00-20:00" (local time, start before end), or "off" (null) for no window. */
export function parseDeliveryWindow(raw: string): DailyWindow | null | undefined {
  const value = raw.trim().toLowerCase();
  if (value === "off") return null;
  const [from, to, ...rest] = value.split("-");
  if (from === undefined || to === undefined || rest.length > 0) return undefined;
  const start = parseClock(from);
  const end = parseClock(to);
  if (start === undefined || end === undefined || start >= end || start >= 24 * 60) return undefined;
  return { start, end };
}

export type RawEnv = Record<string, string | undefined>;

export type Config = {
  env: "development" | "test" | "production";
  isProduction: boolean;
  appUrl: string;
  host: string;
  port: number;
  databasePath: string;
  /** SQLite's `synchronous` in WAL mode (Node only): "normal" survives a process crash, "full" also a power cut. */
  sqliteSynchronous: "normal" | "full";
  tokenSecret: string;
  adminToken: string;
  mail: {
    transport: "resend" | "outbox";
    resendApiKey: string | undefined;
    resendBaseUrl: string | undefined;
    from: string;
    /** REPLIES_ADDRESS: the Reply-To of every message, on a Resend receiving domain. */
    replyTo: string;
    postalAddress: string;
  };
  replies: {
    /** The monitored team inbox: forwarded replies and [URGENT] crisis alerts go here. */
    forwardTo: string;
    /** Reply subjects and bodies are deleted this many days after they arrived. */
    retentionDays: number;
  };
  resendWebhookSecret: string | undefined;
  signupWebhookSecret: string | undefined;
  inngest: {
    /** true, or the dev server URL, when talking to a local Inngest dev server. */
    dev: boolean;
    baseUrl: string | undefined;
    eventKey: string | undefined;
    signingKey: string | undefined;
    signingKeyFallback: string | undefined;
  };
  /** Multiplies every drip delay: 1 in production, e.g. 0.0001 to watch a whole series in a demo. */
  dripTimeScale: number;
  tracking: boolean;
  broadcastBatchesPerSecond: number;
  /** Which proxy's forwarding header names the client (src/lib/ip.ts). */
  trustProxy: TrustProxy;
  logLevel: "debug" | "info" | "warn" | "error";
  /** BRAND_TIME_ZONE: a subscriber's zone when neither they nor their country gives one. */
  brandTimeZone: string;
  /** DELIVERY_WINDOW: local hours lessons may arrive in; null delivers at any hour. */
  deliveryWindow: DailyWindow | null;
  /** Variables that fell back to development defaults, for a start-up warning (names only, never values). */
  defaulted: string[];
  /** Set variables that look like ours but are not (a typo is otherwise silently ignored), for a warning. */
  unknown: UnknownVariable[];
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n")}\n` +
        "See README.md, section Environment variables.",
    );
    this.name = "ConfigError";
  }
}

const DEV_ADMIN_TOKEN = "dev-admin-token-change-me-0000";

/** 32 random bytes as hex: a development TOKEN_SECRET. */
export function randomSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

type Problem = { variable: string; message: string };

const present = (value: string | undefined) => value !== undefined && value.trim() !== "";

const isInngestDev = (value: string | undefined) =>
  present(value) && value?.trim() !== "0" && value?.trim() !== "false";

/** What production cannot run without; checked on the raw values so one report lists every gap at once. */
function productionProblems(raw: RawEnv): Problem[] {
  const required: [string, string][] = [
    ["APP_URL", "the public https URL used in email links"],
    ["TOKEN_SECRET", "signs confirm and unsubscribe links"],
    ["ADMIN_TOKEN", "protects the admin API"],
    ["RESEND_API_KEY", "sends email; without it mail would go to the local outbox, which production refuses"],
    ["RESEND_WEBHOOK_SECRET", "verifies delivery webhooks from Resend"],
    ["EMAIL_FROM", "the From address, on a domain verified in Resend"],
    ["POSTAL_ADDRESS", "required in every email by CAN-SPAM"],
    ["INNGEST_EVENT_KEY", "sends events to Inngest"],
    ["INNGEST_SIGNING_KEY", "authenticates Inngest calls to /api/inngest"],
    [
      "REPLIES_ADDRESS",
      "the Reply-To of every email; our emails invite replies, and a reply may be a crisis",
    ],
    ["REPLIES_FORWARD_TO", "the monitored inbox that receives forwarded replies and urgent crisis alerts"],
  ];
  const problems = required
    .filter(([name]) => !present(raw[name]))
    .map(([variable, why]) => ({ variable, message: `missing (${why})` }));
  // Only blame MAIL_TRANSPORT when someone set it; unset, the missing RESEND_API_KEY above is the real cause.
  if (raw.MAIL_TRANSPORT === "outbox") {
    problems.push({ variable: "MAIL_TRANSPORT", message: "the local outbox cannot be used in production" });
  }
  if (present(raw.RESEND_WEBHOOK_SECRET) && !isSvixSecret(raw.RESEND_WEBHOOK_SECRET?.trim() ?? "")) {
    problems.push({
      variable: "RESEND_WEBHOOK_SECRET",
      message: 'malformed: expected "whsec_" followed by base64, as Resend shows it',
    });
  }
  // Dev mode turns off request signing: anyone could then run any function through POST /api/inngest.
  if (isInngestDev(raw.INNGEST_DEV)) {
    problems.push({
      variable: "INNGEST_DEV",
      message: "must not be set in production (it turns off signature checks on /api/inngest)",
    });
  }
  if (present(raw.APP_URL) && !raw.APP_URL?.trim().startsWith("https://")) {
    problems.push({ variable: "APP_URL", message: "must be https in production" });
  }
  return problems;
}

export type UnknownVariable = { variable: string; closest: string };

// Read by the SDKs themselves, so they are not typos even though the schema does not list them.
const SDK_VARIABLES = [
  "INNGEST_ALLOW_IN_BAND_SYNC",
  "INNGEST_API_BASE_URL",
  "INNGEST_CONNECT_GATEWAY_URL",
  "INNGEST_CONNECT_ISOLATE_EXECUTION",
  "INNGEST_CONNECT_MAX_WORKER_CONCURRENCY",
  "INNGEST_DEVSERVER_URL",
  "INNGEST_ENABLE_UNAUTHED_SYNC",
  "INNGEST_ENV",
  "INNGEST_EVENT_API_BASE_URL",
  "INNGEST_SERVE_HOST",
  "INNGEST_SERVE_ORIGIN",
  "INNGEST_SERVE_PATH",
  "INNGEST_SESSION_PROPAGATION",
  "INNGEST_STREAMING",
  "RESEND_DEBUG",
  "RESEND_USER_AGENT",
];
const KNOWN = Object.keys(envSchema.shape);
// NODE_ and HOST_/PORT_-style names belong to Node and the shell (NODE_OPTIONS, HOSTNAME, ...), not to us.
const OUR_PREFIXES = new Set(
  KNOWN.filter((name) => name.includes("_") && !name.startsWith("NODE_")).map((name) => name.split("_")[0]),
);

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Set variables with one of our prefixes (DRIP_, RESEND_, ...) that nothing reads, each with the nearest known name. */
export function unknownVariables(raw: RawEnv): UnknownVariable[] {
  return Object.keys(raw)
    .filter((name) => raw[name] !== undefined && !KNOWN.includes(name) && !SDK_VARIABLES.includes(name))
    .filter((name) => OUR_PREFIXES.has(name.split("_")[0] ?? ""))
    .sort()
    .map((variable) => {
      const sameFamily = KNOWN.filter((known) => known.split("_")[0] === variable.split("_")[0]);
      const closest = sameFamily.reduce((best, known) =>
        editDistance(variable, known) < editDistance(variable, best) ? known : best,
      );
      return { variable, closest };
    });
}

/** The start-up warning for one unknown variable (a name only, never its value). */
export const unknownVariableWarning = ({ variable, closest }: UnknownVariable) =>
  `${variable} is not a setting this app reads, so it is ignored; did you mean ${closest}?`;

/** Parses the environment. Throws ConfigError naming every bad or missing variable (never their values). */
export function loadConfig(raw: RawEnv): Config {
  const parsed = envSchema.safeParse(raw);
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message }));
  if (raw.NODE_ENV === "production") {
    const malformed = new Set(problems.map((p) => p.variable));
    problems.push(...productionProblems(raw).filter((p) => !malformed.has(p.variable)));
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const inngestDev = isInngestDev(e.INNGEST_DEV);
  const transport = e.MAIL_TRANSPORT ?? (e.RESEND_API_KEY ? "resend" : "outbox");

  if (transport === "resend" && !e.RESEND_API_KEY) {
    throw new ConfigError([{ variable: "RESEND_API_KEY", message: "missing (MAIL_TRANSPORT is resend)" }]);
  }

  const defaulted: string[] = [];
  const fallback = <T>(name: string, value: T | undefined, dev: () => T): T => {
    if (value !== undefined) return value;
    defaulted.push(name);
    return dev();
  };

  const appUrl = fallback("APP_URL", e.APP_URL, () => `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, "");
  return {
    env: e.NODE_ENV,
    isProduction,
    appUrl,
    host: e.HOST,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    tokenSecret: fallback("TOKEN_SECRET", e.TOKEN_SECRET, randomSecret),
    adminToken: fallback("ADMIN_TOKEN", e.ADMIN_TOKEN, () => DEV_ADMIN_TOKEN),
    mail: {
      transport,
      resendApiKey: e.RESEND_API_KEY,
      resendBaseUrl: e.RESEND_BASE_URL,
      from: fallback("EMAIL_FROM", e.EMAIL_FROM, () => "Hopemark Health <newsletter@hopemark.localhost>"),
      replyTo: fallback("REPLIES_ADDRESS", e.REPLIES_ADDRESS, () => "replies@hopemark.localhost"),
      postalAddress: fallback(
        "POSTAL_ADDRESS",
        e.POSTAL_ADDRESS,
        () => "Hopemark Health, 100 Example Street, Suite 1, Springfield, ST 00000, USA",
      ),
    },
    replies: {
      forwardTo: fallback("REPLIES_FORWARD_TO", e.REPLIES_FORWARD_TO, () => "team@hopemark.localhost"),
      retentionDays: e.REPLY_RETENTION_DAYS,
    },
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    signupWebhookSecret: e.SIGNUP_WEBHOOK_SECRET,
    inngest: {
      dev: inngestDev,
      baseUrl:
        e.INNGEST_BASE_URL ?? (inngestDev && e.INNGEST_DEV?.startsWith("http") ? e.INNGEST_DEV : undefined),
      eventKey: e.INNGEST_EVENT_KEY,
      signingKey: e.INNGEST_SIGNING_KEY,
      signingKeyFallback: e.INNGEST_SIGNING_KEY_FALLBACK,
    },
    dripTimeScale: e.DRIP_TIME_SCALE,
    tracking: e.TRACKING === "on",
    broadcastBatchesPerSecond: e.BROADCAST_BATCHES_PER_SECOND,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    brandTimeZone: e.BRAND_TIME_ZONE,
    deliveryWindow: e.DELIVERY_WINDOW,
    defaulted,
    unknown: unknownVariables(raw),
  };
}

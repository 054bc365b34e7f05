import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";

/**
 * The portal's settings, read from the environment in this one place and checked before anything
 * starts (docs/decisions/012). It lives in db/ because every layer reads settings and db/ is the
 * one layer that app/, search/ and the command-line tools may all import. README.md, "Settings",
 * lists the same variables for operators.
 */

/** The exit code of a process refused by its settings (sysexits' EX_CONFIG). */
export const CONFIG_EXIT_CODE = 78;

// `FOO=` in a service file or .env means "not set", as it did before this module.
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const integer = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `not a whole number (${what})`)
    .transform(Number)
    .pipe(z.number().min(min, `below ${min} (${what})`).max(max, `above ${max} (${what})`));

const port = integer(1, 65535, "a port, 1–65535");

const positiveNumber = (what: string) =>
  z
    .string()
    .trim()
    .transform(Number)
    .pipe(z.number({ error: `not a number (${what})` }).refine((n) => Number.isFinite(n) && n > 0, `not a positive number (${what})`));

const FLAG_WORDS: Record<string, boolean> = { on: true, true: true, yes: true, "1": true, off: false, false: false, no: false, "0": false };
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((word) => word in FLAG_WORDS, 'expected "on" or "off" (or true/false, yes/no, 1/0)')
  .transform((word) => FLAG_WORDS[word]);

const url = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine((text) => URL.canParse(text), `not an address (expected e.g. ${example})`)
    .transform((text) => new URL(text))
    .refine(
      (parsed) => protocols.includes(parsed.protocol),
      `expected an address starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

/** What Express's `trust proxy` accepts: true/false, a number of proxies, or addresses and subnets. */
const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const trustProxy = z
  .string()
  .trim()
  .transform((text, context): boolean | number | string[] => {
    const lower = text.toLowerCase();
    if (lower === "true" || lower === "false") return lower === "true";
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(",").map((entry) => entry.trim());
    const wrong = entries.find((entry) => !PROXY_NAMES.has(entry) && !ipaddr.isValid(entry) && !ipaddr.isValidCIDR(entry));
    if (wrong !== undefined) {
      context.addIssue({
        code: "custom",
        message: `"${wrong}" is not an address, a subnet or one of loopback, linklocal, uniquelocal (or use true, or the number of proxies)`,
      });
      return z.NEVER;
    }
    return entries;
  });

const hostList = z.string().transform((text) =>
  text
    .split(/[\s,]+/)
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean),
);

const environment = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"], { error: 'expected "production", "development" or "test"' })),
  PORT: optional(port),
  PUBLIC_URL: optional(url(["http:", "https:"], "https://fraga.example.se")),
  TRUST_PROXY: optional(trustProxy),
  INSECURE_COOKIES: optional(flag),
  DATABASE_URL: optional(url(["postgres:", "postgresql:"], "postgres://user:password@host:5432/fraga")),
  DATA_DIR: optional(z.string()),
  EMBEDDED_POSTGRES_PORT: optional(port),
  DEMO_DATA: optional(flag),
  MEILI_URL: optional(url(["http:", "https:"], "http://127.0.0.1:7700")),
  MEILI_API_KEY: optional(z.string()),
  MEILI_MASTER_KEY: optional(z.string()),
  MEILI_INDEX: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]+$/, "only letters a–z, digits, - and _"),
  ),
  SMTP_URL: optional(url(["smtp:", "smtps:"], "smtps://user:password@mail.example.se")),
  MAIL_FROM: optional(z.string()),
  // An HMAC key: long enough that guessing it is out of the question.
  MAIL_SIGNING_SECRET: optional(z.string().trim().min(32, "shorter than 32 characters (a secret key: use e.g. `openssl rand -hex 32`)")),
  CATALOGUE_MAX_MB: optional(positiveNumber("megabytes")),
  CATALOGUE_ALLOWED_INTERNAL_HOSTS: optional(hostList),
  HARVEST_MAX_OLD_SPACE_MB: optional(integer(64, 1_048_576, "megabytes, at least 64")),
  HARVEST_TIMEOUT_MINUTES: optional(positiveNumber("minutes")),
  OPEN_DATA_LICENCE: optional(url(["http:", "https:"], "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")),
  OPEN_DATA_CONTACT_EMAIL: optional(z.email("not an e-mail address (expected e.g. oppnadata@vgregion.se)")),
  API_RATE_LIMIT: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .transform((text, context): number | null => {
        if (text === "off") return null;
        if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 1_000_000) return Number(text);
        context.addIssue({ code: "custom", message: "expected requests per minute per address (1–1000000, e.g. 300) or off" });
        return z.NEVER;
      }),
  ),
});

/** The variables this module reads; nothing else of the environment is a setting of the portal. */
export const CONFIG_VARIABLES = Object.keys(environment.shape) as (keyof typeof environment.shape)[];

export interface Config {
  nodeEnv: "development" | "production" | "test";
  production: boolean;
  port: number;
  /** Origin of PUBLIC_URL (`https://fraga.example.se`), or null. */
  publicOrigin: string | null;
  /** Express's `trust proxy`, or null when unset. */
  trustProxy: boolean | number | string[] | null;
  /** Session and device cookies get `Secure` in production unless INSECURE_COOKIES is on. */
  secureCookies: boolean;
  /** Null until an embedded PostgreSQL is started (then db/prepare.server.ts sets it). */
  databaseUrl: string | null;
  /** Absolute. */
  dataDir: string;
  embeddedPostgresPort: number;
  demoData: boolean;
  meilisearch: { url: string; apiKey: string | undefined; indexUid: string } | null;
  smtpUrl: string | null;
  mailFrom: string;
  /**
   * The key that signs unsubscribe links (ADR 021); null means the portal's own, made once and
   * kept in the database (app/models/mail-preference.server.ts).
   */
  mailSigningSecret: string | null;
  catalogueMaxBytes: number;
  /** Lower-case host names or addresses, as written in a URL. */
  catalogueAllowedInternalHosts: string[];
  harvestMaxOldSpaceMb: number;
  harvestTimeoutMinutes: number;
  /** The licence of the portal's own open data (ADR 039): an IRI, the EU's CC0 unless set. */
  openDataLicence: string;
  /** The contact point of the portal's own catalogue; null: the region's contact e-mail, else its page. */
  openDataContactEmail: string | null;
  /** Requests per minute one address may make to /api/* (ADR 037); null: no limit. */
  apiRateLimitPerMinute: number | null;
}

export const DEFAULT_CATALOGUE_MAX_BYTES = 256 * 1024 * 1024;
/** CC0 as the EU licence table names it, which DCAT-AP-SE asks for (ADR 039). */
export const DEFAULT_OPEN_DATA_LICENCE = "http://publications.europa.eu/resource/authority/licence/CC0";
/** Five requests a second, sustained for a minute: a script paging the register, not one hammering it. */
export const DEFAULT_API_RATE_LIMIT = 300;

/** A setting the portal cannot run with; the message names every wrong variable and its value. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; value: string | undefined; message: string }[]) {
    super(
      [
        "The portal's settings (environment variables) are wrong:",
        ...problems.map(
          ({ variable, value, message }) =>
            `  ${variable}${value === undefined ? "" : `="${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`}: ${message}`,
        ),
        'Fix them and start again; README.md, "Settings", lists every variable.',
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses and checks the settings; throws a ConfigError naming every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "environment");
        // Passwords sit in these addresses and keys; the message must not print them.
        const secret = /KEY|SECRET|DATABASE_URL|SMTP_URL/.test(variable);
        return { variable, value: secret ? undefined : env[variable], message: issue.message };
      }),
    );
  }
  const e = parsed.data;
  const nodeEnv = e.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  return {
    nodeEnv,
    production,
    port: e.PORT ?? 3000,
    publicOrigin: e.PUBLIC_URL?.origin ?? null,
    trustProxy: e.TRUST_PROXY ?? null,
    secureCookies: production && !(e.INSECURE_COOKIES ?? false),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: path.resolve(e.DATA_DIR ?? ".data"),
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT ?? 54329,
    demoData: e.DEMO_DATA ?? true,
    meilisearch: e.MEILI_URL
      ? { url: env.MEILI_URL!.trim(), apiKey: e.MEILI_API_KEY ?? e.MEILI_MASTER_KEY, indexUid: e.MEILI_INDEX ?? "fraga_documents" }
      : null,
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: e.MAIL_FROM ?? "Fråga en gång <noreply@localhost>",
    mailSigningSecret: e.MAIL_SIGNING_SECRET ?? null,
    catalogueMaxBytes: e.CATALOGUE_MAX_MB === undefined ? DEFAULT_CATALOGUE_MAX_BYTES : Math.floor(e.CATALOGUE_MAX_MB * 1024 * 1024),
    catalogueAllowedInternalHosts: e.CATALOGUE_ALLOWED_INTERNAL_HOSTS ?? [],
    harvestMaxOldSpaceMb: e.HARVEST_MAX_OLD_SPACE_MB ?? 512,
    harvestTimeoutMinutes: e.HARVEST_TIMEOUT_MINUTES ?? 20,
    openDataLicence: e.OPEN_DATA_LICENCE?.href ?? DEFAULT_OPEN_DATA_LICENCE,
    openDataContactEmail: e.OPEN_DATA_CONTACT_EMAIL ?? null,
    apiRateLimitPerMinute: e.API_RATE_LIMIT === undefined ? DEFAULT_API_RATE_LIMIT : e.API_RATE_LIMIT,
  };
}

// The environment does not change while a server runs, so one parse serves every call. It is kept
// with the raw values it came from and made again when one of them differs: db/prepare.server.ts
// sets DATABASE_URL once an embedded PostgreSQL runs, and tests set variables between cases.
let cached: { key: string; config: Config } | null = null;

/** The settings of this process, parsed once (again only if the environment changed). */
export function config(): Config {
  const key = CONFIG_VARIABLES.map((name) => process.env[name] ?? "\u0001").join("\u0000");
  if (cached?.key !== key) cached = { key, config: loadConfig(process.env) };
  return cached.config;
}

/**
 * First thing a process of the portal does (server.ts, the command-line tools): with a wrong
 * setting it prints what is wrong and exits before it starts a database or listens on a port.
 */
export function configOrExit(): Config {
  try {
    return config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(CONFIG_EXIT_CODE);
  }
}

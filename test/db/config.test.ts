import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONFIG_EXIT_CODE, ConfigError, config, loadConfig } from "../../db/config.server";
import { readSource, sourceFiles } from "../support/sources";

const root = path.resolve(import.meta.dirname, "../..");

/** A process of the portal started as an operator starts it, with `env` added to this one's. */
function start(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("loadConfig", () => {
  it("gives typed values with the documented defaults", () => {
    const settings = loadConfig({});
    expect(settings).toMatchObject({
      nodeEnv: "development",
      production: false,
      port: 3000,
      publicOrigin: null,
      trustProxy: null,
      secureCookies: false,
      databaseUrl: null,
      dataDir: path.resolve(".data"),
      embeddedPostgresPort: 54329,
      demoData: true,
      meilisearch: null,
      smtpUrl: null,
      mailFrom: "Fråga en gång <noreply@localhost>",
      catalogueMaxBytes: 256 * 1024 * 1024,
      catalogueAllowedInternalHosts: [],
      harvestMaxOldSpaceMb: 512,
      harvestTimeoutMinutes: 20,
    });
  });

  it("reads every setting the portal has", () => {
    const settings = loadConfig({
      NODE_ENV: "production",
      PORT: "8080",
      PUBLIC_URL: "https://fraga.example.se/start",
      TRUST_PROXY: "loopback, 10.0.0.0/8",
      DATABASE_URL: "postgres://fraga:hemligt@db.example.se:5432/fraga",
      DATA_DIR: "/srv/fraga",
      EMBEDDED_POSTGRES_PORT: "55000",
      DEMO_DATA: "off",
      MEILI_URL: "http://127.0.0.1:7700",
      MEILI_MASTER_KEY: "nyckel",
      SMTP_URL: "smtps://u:p@mail.example.se",
      MAIL_FROM: "Portalen <portal@example.se>",
      CATALOGUE_MAX_MB: "1.5",
      CATALOGUE_ALLOWED_INTERNAL_HOSTS: "Katalog.Internal.example, 10.1.2.3",
      HARVEST_MAX_OLD_SPACE_MB: "1024",
      HARVEST_TIMEOUT_MINUTES: "45",
    });
    expect(settings).toMatchObject({
      production: true,
      port: 8080,
      publicOrigin: "https://fraga.example.se",
      trustProxy: ["loopback", "10.0.0.0/8"],
      secureCookies: true,
      databaseUrl: "postgres://fraga:hemligt@db.example.se:5432/fraga",
      dataDir: "/srv/fraga",
      embeddedPostgresPort: 55000,
      demoData: false,
      meilisearch: { url: "http://127.0.0.1:7700", apiKey: "nyckel", indexUid: "fraga_documents" },
      smtpUrl: "smtps://u:p@mail.example.se",
      mailFrom: "Portalen <portal@example.se>",
      catalogueMaxBytes: 1_572_864,
      catalogueAllowedInternalHosts: ["katalog.internal.example", "10.1.2.3"],
      harvestMaxOldSpaceMb: 1024,
      harvestTimeoutMinutes: 45,
    });
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", INSECURE_COOKIES: "true" }).secureCookies).toBe(false);
    // An empty assignment in a service file means "not set", as before.
    expect(loadConfig({ PORT: "", DEMO_DATA: " " })).toMatchObject({ port: 3000, demoData: true });
  });

  it("names every wrong variable with its value at once, and never prints a password", () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: "abc",
        DEMO_DATA: "maybe",
        PUBLIC_URL: "fraga.example.se",
        DATABASE_URL: "mysql://fraga:hemligt@db/fraga",
        CATALOGUE_MAX_MB: "lots",
        TRUST_PROXY: "the proxy",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT="abc": not a whole number/);
    expect(message).toMatch(/DEMO_DATA="maybe": expected "on" or "off"/);
    expect(message).toMatch(/PUBLIC_URL="fraga\.example\.se": not an address/);
    expect(message).toMatch(/DATABASE_URL: expected an address starting with postgres:\/\//);
    expect(message).toMatch(/CATALOGUE_MAX_MB="lots"/);
    expect(message).toMatch(/TRUST_PROXY="the proxy"/);
    expect(message).not.toContain("hemligt");
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(
      ["CATALOGUE_MAX_MB", "DATABASE_URL", "DEMO_DATA", "PORT", "PUBLIC_URL", "TRUST_PROXY"].sort(),
    );
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT="70000": above 65535/);
    expect(() => loadConfig({ HARVEST_TIMEOUT_MINUTES: "0" })).toThrow(/HARVEST_TIMEOUT_MINUTES="0": not a positive number/);
    expect(() => loadConfig({ NODE_ENV: "staging" })).toThrow(/NODE_ENV="staging"/);
  });

  it("takes MAIL_SIGNING_SECRET of 32 characters or more, refuses a shorter one without printing it, and leaves it unset by default", () => {
    expect(loadConfig({}).mailSigningSecret).toBeNull();
    const key = "k".repeat(16) + "hemlig-nyckel-16";
    expect(loadConfig({ MAIL_SIGNING_SECRET: key }).mailSigningSecret).toBe(key);
    let error: unknown;
    try {
      loadConfig({ MAIL_SIGNING_SECRET: "hemligt-men-kort" });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).message).toMatch(/MAIL_SIGNING_SECRET: shorter than 32 characters/);
    expect((error as ConfigError).message).not.toContain("hemligt-men-kort");
  });
});

describe("config()", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("parses once, and again when a test (or the embedded database's start) changes a variable", () => {
    const first = config();
    expect(config()).toBe(first);
    vi.stubEnv("CATALOGUE_ALLOWED_INTERNAL_HOSTS", "127.0.0.1");
    const changed = config();
    expect(changed).not.toBe(first);
    expect(changed.catalogueAllowedInternalHosts).toEqual(["127.0.0.1"]);
    expect(config()).toBe(changed);
    vi.stubEnv("PORT", "abc");
    expect(() => config()).toThrow(/PORT="abc"/);
  });
});

describe("a process with a wrong setting", () => {
  it.each([
    ["PORT", "abc", /PORT="abc": not a whole number/],
    ["DEMO_DATA", "maybe", /DEMO_DATA="maybe": expected "on" or "off"/],
    ["PUBLIC_URL", "fraga.example.se", /PUBLIC_URL="fraga\.example\.se": not an address/],
  ])("the server refuses %s=%s with a message naming it, before it builds or starts anything", (variable, value, expected) => {
    const { code, stdout, stderr } = start(["server.ts"], { [variable]: value });
    expect(stderr).toMatch(expected);
    expect(stderr).toMatch(/README\.md, "Settings"/);
    expect(code).toBe(CONFIG_EXIT_CODE);
    // Nothing was started: no build, no database, no listening.
    expect(stdout).toBe("");
  });

  it("the command-line tools refuse it too (npm run harvest, npm run search:reindex)", () => {
    const harvest = start(["app/cli/harvest.server.ts", "db/seed/data/catalogs/se_fornpunkt_dcat3.ttl"], {
      HARVEST_TIMEOUT_MINUTES: "soon",
    });
    expect(harvest.stderr).toMatch(/HARVEST_TIMEOUT_MINUTES="soon": not a number/);
    expect(harvest.code).toBe(CONFIG_EXIT_CODE);
    const reindex = start(["search/indexing/reindex-command.ts"], { MEILI_URL: "meili:7700" });
    expect(reindex.stderr).toMatch(/MEILI_URL="meili:7700"/);
    expect(reindex.code).toBe(CONFIG_EXIT_CODE);
    expect(reindex.stdout).toBe("");
  });
});

describe("the portal's code", () => {
  /** Where the environment may still be touched outside db/config.server.ts, and why. */
  const allowed: Record<string, string> = {
    "db/config.server.ts": "the settings module itself",
    "db/prepare.server.ts": "hands the embedded PostgreSQL's address to the server build and child processes",
    "app/jobs/harvest-child.server.ts": "passes the environment on to the harvesting process",
    "app/jobs/meaning.server.ts": "passes the environment on to the process that learns the meaning model",
    "server.ts": "defaults NODE_ENV, which Remix and React read themselves",
  };

  it("reads settings through db/config.server.ts only", () => {
    const readers = [...sourceFiles("app"), ...sourceFiles("db"), ...sourceFiles("search"), "server.ts"].filter((file) =>
      readSource(file).includes("process.env"),
    );
    expect(readers.sort()).toEqual(Object.keys(allowed).sort());
  });
});

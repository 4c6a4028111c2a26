import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_HISTORY_DAYS, DEFAULT_PRERENDER_POSTS, env, envSchema, isEnvSet, readEnv, siteUrlDefault } from "./env";

afterEach(() => vi.unstubAllEnvs());

const unset = (...names: string[]) => names.forEach((name) => vi.stubEnv(name, undefined));

describe("readEnv", () => {
  it("gives each variable its default when unset or empty", () => {
    unset("CONTENT_DIR", "SITE_URL", "TRUST_PROXY", "PORT", "FOLIO_DIST_DIR", "FOLIO_DISK_CACHE", "FOLIO_SKIP_TYPECHECK", "REDIS_URL", "SESSION_SECRET");
    vi.stubEnv("DATA_DIR", "");
    expect(readEnv("CONTENT_DIR")).toBe("content");
    expect(readEnv("DATA_DIR")).toBe(".data");
    expect(readEnv("SITE_URL")).toBeUndefined();
    expect(readEnv("TRUST_PROXY")).toBe(false);
    expect(readEnv("PORT")).toBe(3000);
    expect(readEnv("FOLIO_DIST_DIR")).toBe(".next");
    expect(readEnv("FOLIO_PRERENDER_POSTS")).toBe(DEFAULT_PRERENDER_POSTS);
    vi.stubEnv("FOLIO_HISTORY_DAYS", "");
    expect(readEnv("FOLIO_HISTORY_DAYS")).toBe(DEFAULT_HISTORY_DAYS);
    expect(readEnv("FOLIO_DISK_CACHE")).toBe(true);
    expect(readEnv("FOLIO_SKIP_TYPECHECK")).toBe(false);
    expect(readEnv("REDIS_URL")).toBeUndefined();
    expect(readEnv("SESSION_SECRET")).toBeUndefined();
  });

  it("parses what is set", () => {
    vi.stubEnv("TRUST_PROXY", "1");
    vi.stubEnv("FOLIO_DISK_CACHE", "0");
    vi.stubEnv("PORT", "8080");
    vi.stubEnv("REDIS_URL", "redis://127.0.0.1:6379");
    vi.stubEnv("FOLIO_HISTORY_DAYS", "0");
    expect(readEnv("FOLIO_HISTORY_DAYS")).toBe(0);
    expect(readEnv("TRUST_PROXY")).toBe(true);
    expect(readEnv("FOLIO_DISK_CACHE")).toBe(false);
    expect(readEnv("PORT")).toBe(8080);
    expect(readEnv("REDIS_URL")).toBe("redis://127.0.0.1:6379");
  });

  it("reads the nginx refresh origins as a list, a trailing slash dropped", () => {
    unset("FOLIO_NGINX_REFRESH_URLS");
    expect(readEnv("FOLIO_NGINX_REFRESH_URLS")).toEqual([]);
    vi.stubEnv("FOLIO_NGINX_REFRESH_URLS", "https://10.0.0.5/, http://127.0.0.1:8080");
    expect(readEnv("FOLIO_NGINX_REFRESH_URLS")).toEqual(["https://10.0.0.5", "http://127.0.0.1:8080"]);
  });

  it.each([
    ["SITE_URL", "example.com", /^SITE_URL must be an absolute http\(s\) URL/],
    ["SITE_URL", "ftp://example.com", /^SITE_URL must start with http:\/\/ or https:\/\//],
    ["SESSION_SECRET", "short", /^SESSION_SECRET must be at least 32 characters/],
    ["TRUST_PROXY", "yes", /^TRUST_PROXY must be 1 \(on\) or 0 \(off\)/],
    ["FOLIO_RAW_HTML", "true", /^FOLIO_RAW_HTML must be 1 \(keep raw HTML, sanitized\) or 0 \(omit it\)/],
    ["PORT", "80a", /^PORT must be a port number/],
    ["PORT", "70000", /^PORT must be a port number from 1 to 65535/],
    ["REDIS_URL", "http://cache:6379", /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ["FOLIO_PRERENDER_POSTS", "lots", /^FOLIO_PRERENDER_POSTS must be a whole number of posts \(0 or more\), not 'lots'/],
    ["FOLIO_NGINX_REFRESH_URLS", "https://a.test/path", /^FOLIO_NGINX_REFRESH_URLS must be comma-separated http\(s\) origins/],
    ["FOLIO_NGINX_REFRESH_URLS", "10.0.0.5", /^FOLIO_NGINX_REFRESH_URLS must be comma-separated http\(s\) origins/],
    ["FOLIO_NGINX_REFRESH_SECRET", "short", /^FOLIO_NGINX_REFRESH_SECRET must be at least 16 characters/],
    ["FOLIO_INSTANCE", "a/b", /^FOLIO_INSTANCE must be 1 to 100 letters/],
    ["FOLIO_HISTORY_DAYS", "-1", /^FOLIO_HISTORY_DAYS must be a whole number from 0 to 36500, not '-1'/],
  ] as const)("refuses %s=%s with an error naming it", (name, value, message) => {
    vi.stubEnv(name, value);
    expect(() => readEnv(name)).toThrow(message);
  });

  it("covers every variable the README's Configuration table lists, and no other", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
    // A row may name several variables that go together: "| `A`, `B`, `C` | meaning | default |".
    const documented = [...table.matchAll(/^\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((n) => n[1]!));
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).filter((name) => name !== "NODE_ENV").sort());
  });
});

describe("env", () => {
  it("resolves the folders against the working directory and drops the origin's trailing slash", () => {
    vi.stubEnv("CONTENT_DIR", "site/content");
    vi.stubEnv("DATA_DIR", "/srv/folio");
    vi.stubEnv("SITE_URL", "https://example.com/");
    expect(env()).toEqual({ contentDir: path.resolve("site/content"), dataDir: "/srv/folio", siteUrl: "https://example.com" });
  });

  it("defaults SITE_URL to this machine on PORT, so links point at a port that answers", () => {
    unset("SITE_URL", "PORT");
    expect(env().siteUrl).toBe("http://localhost:3000");
    vi.stubEnv("PORT", "3421");
    expect(siteUrlDefault()).toBe("http://localhost:3421");
    expect(env().siteUrl).toBe("http://localhost:3421");
    vi.stubEnv("SITE_URL", "https://example.com");
    expect(env().siteUrl).toBe("https://example.com");
  });

  it("defaults SITE_URL to a Hugo site's absolute baseURL, else to this server on PORT", () => {
    unset("SITE_URL");
    vi.stubEnv("PORT", "4123");
    vi.stubEnv("CONTENT_DIR", path.join(__dirname, "../../tests/fixtures/hugo/linkerd"));
    expect(env().siteUrl).toBe("https://linkerd.io");
    // fluxcd's baseURL is "/": no origin in it, so the server's own.
    vi.stubEnv("CONTENT_DIR", path.join(__dirname, "../../tests/fixtures/hugo/fluxcd"));
    expect(env().siteUrl).toBe("http://localhost:4123");
    vi.stubEnv("CONTENT_DIR", path.join(__dirname, "../../tests/fixtures/site"));
    expect(env().siteUrl).toBe("http://localhost:4123");
  });

  it("tells a set variable from an unset one without parsing it", () => {
    vi.stubEnv("SESSION_SECRET", "short");
    expect(isEnvSet("SESSION_SECRET")).toBe(true);
    vi.stubEnv("SESSION_SECRET", "");
    expect(isEnvSet("SESSION_SECRET")).toBe(false);
  });
});

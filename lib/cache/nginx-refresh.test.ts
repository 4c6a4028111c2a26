import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NginxRefresher, refreshTargetFromEnv, type RefreshTarget } from "./nginx-refresh";

// What the refresher sends, as a real HTTP server in front of it receives it (e2e/scale.spec.ts runs the shipped
// nginx config itself). The server answers slowly, so requests queued meanwhile show how rounds merge.
type Seen = { path: string; host: string | undefined; secret: string | undefined };
let seen: Seen[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push({ path: request.url ?? "", host: request.headers.host, secret: request.headers["x-folio-refresh"] as string | undefined });
    setTimeout(() => response.end("ok"), 20);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const target = (): RefreshTarget => ({ origins: [origin], secret: "s".repeat(32), siteUrl: new URL("https://www.example.test") });

describe("NginxRefresher", () => {
  it("asks for each exact path with the secret and the site's host name, prefixes skipped", async () => {
    await new NginxRefresher(target()).refresh(["/", "/blog/a", "/blog/*", "/topics/café"]);
    expect(seen.map((s) => s.path).sort()).toEqual(["/", "/blog/a", "/topics/caf%C3%A9"]);
    expect(new Set(seen.map((s) => s.host))).toEqual(new Set(["www.example.test"]));
    expect(new Set(seen.map((s) => s.secret))).toEqual(new Set(["s".repeat(32)]));
  });

  it("merges the changes that arrive during a round into one more round, each page once", async () => {
    const refresher = new NginxRefresher(target());
    const first = refresher.refresh(["/", "/blog/a"]);
    const later = Array.from({ length: 10 }, (_, i) => refresher.refresh(["/", "/blog", `/blog/p${i % 2}`]));
    await Promise.all([first, ...later]);
    const counts = seen.reduce<Record<string, number>>((all, s) => ({ ...all, [s.path]: (all[s.path] ?? 0) + 1 }), {});
    expect(counts["/blog"]).toBe(1);
    expect(counts["/blog/p0"]).toBe(1);
    expect(counts["/"]).toBeLessThanOrEqual(2);
  });

  it("sends every path to every nginx, and an nginx that is down only costs a log line", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await new NginxRefresher({ ...target(), origins: ["http://127.0.0.1:1", origin] }).refresh(["/", "/feed.xml"]);
      expect(seen.map((s) => s.path).sort()).toEqual(["/", "/feed.xml"]);
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
  });
});

describe("refreshTargetFromEnv", () => {
  it("is null without origins, and null (logged) with origins but no secret", () => {
    vi.stubEnv("FOLIO_NGINX_REFRESH_URLS", undefined);
    expect(refreshTargetFromEnv()).toBeNull();
    vi.stubEnv("FOLIO_NGINX_REFRESH_URLS", origin);
    vi.stubEnv("FOLIO_NGINX_REFRESH_SECRET", undefined);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(refreshTargetFromEnv()).toBeNull();
    errors.mockRestore();
    vi.stubEnv("FOLIO_NGINX_REFRESH_SECRET", "x".repeat(64));
    vi.stubEnv("SITE_URL", "https://blog.example.test");
    expect(refreshTargetFromEnv()).toMatchObject({ origins: [origin], secret: "x".repeat(64) });
    vi.unstubAllEnvs();
  });
});

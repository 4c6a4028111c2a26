import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { connectRedis, setSharedRedis, whenReady } from "@/lib/redis/connection.mjs";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { adminUnavailable } from "./admin-unavailable";

let redis: RedisServer | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  setSharedRedis(undefined);
});
afterAll(async () => redis?.close());

const get = (headers: Record<string, string> = {}) => new Request("http://folio.test/admin", { headers });

describe("adminUnavailable", () => {
  it("never gets in the way on one machine (no REDIS_URL)", () => {
    vi.stubEnv("REDIS_URL", undefined);
    expect(adminUnavailable(get())).toBeNull();
  });

  it("answers a clear 503 with Retry-After while Redis cannot be reached, and lets open pages' actions answer for themselves", async () => {
    vi.stubEnv("REDIS_URL", "redis://127.0.0.1:1");
    const down = adminUnavailable(get());
    expect(down?.status).toBe(503);
    expect(down?.headers.get("retry-after")).toBe("5");
    expect(down?.headers.get("cache-control")).toBe("no-store");
    expect(await down?.text()).toContain("The admin is unavailable");
    expect(adminUnavailable(get({ "next-action": "abc" }))).toBeNull();
  });

  it("lets everything through once the connection is ready", async () => {
    redis = await startRedisServer();
    vi.stubEnv("REDIS_URL", redis.url);
    const connection = connectRedis(redis.url);
    try {
      setSharedRedis(connection);
      expect(await whenReady(connection, 20_000)).toBe(true);
      expect(adminUnavailable(get())).toBeNull();
    } finally {
      await connection.close();
    }
  });
});

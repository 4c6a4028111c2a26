import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { connectRedis, type RedisConnection } from "./connection.mjs";
import { acquireRedisLock, lockKey, StoreUnavailableError } from "./lock";

// The write lock on a real redis-server (started here); two connections stand for two instances.
let redis: RedisServer;
let a: RedisConnection;
let b: RedisConnection;

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let waited = 0; !(await check()); waited += 20) {
    if (waited > 20_000) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  redis = await startRedisServer();
  a = connectRedis(redis.url);
  b = connectRedis(redis.url);
  await until(() => a.ready && b.ready);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.close();
});

describe("acquireRedisLock", () => {
  it("lets one holder at a time in, across instances", async () => {
    let inside = 0;
    let most = 0;
    const work = async (connection: RedisConnection) => {
      const release = await acquireRedisLock(connection, "one-at-a-time");
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
      await release();
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => work(i % 2 ? a : b)));
    expect(most).toBe(1);
    expect(await a.client.exists(lockKey("one-at-a-time"))).toBe(0);
  });

  it("a holder that died (no extension) loses the lock when its time is up", async () => {
    await a.client.set(lockKey("dead-holder"), "someone-gone", { PX: 300 });
    const release = await acquireRedisLock(b, "dead-holder", { ttlMs: 5000 });
    expect(await b.client.get(lockKey("dead-holder"))).not.toBe("someone-gone");
    await release();
  });

  it("a release after the lock expired and was taken by another never frees the other's lock", async () => {
    const stale = await acquireRedisLock(a, "taken-over", { ttlMs: 300 });
    await a.client.del(lockKey("taken-over")); // as if it had expired while its holder stalled
    const fresh = await acquireRedisLock(b, "taken-over");
    await stale();
    expect(await b.client.exists(lockKey("taken-over"))).toBe(1);
    await fresh();
  });

  it("a live holder keeps its lock past its time-to-live", async () => {
    const release = await acquireRedisLock(a, "long-hold", { ttlMs: 600 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expect(acquireRedisLock(b, "long-hold", { timeoutMs: 100 })).rejects.toMatchObject({ code: "ELOCKED" });
    await release();
  });

  it("fails with EUNAVAILABLE, without waiting for Redis to return, when it cannot be reached", async () => {
    const nowhere = connectRedis("redis://127.0.0.1:1");
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const error = await acquireRedisLock(nowhere, "x").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).code).toBe("EUNAVAILABLE");
    } finally {
      vi.mocked(console.error).mockRestore();
      await nowhere.close();
    }
  });
});

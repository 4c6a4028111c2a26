import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectRedis, setSharedRedis, type RedisConnection } from "@/lib/redis/connection.mjs";
import { lockKey } from "@/lib/redis/lock";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { withFileLock, writeFileAtomic, WriteConflictError } from "./atomic";

// withFileLock when REDIS_URL is set, on a real redis-server (started here): the lock lives on Redis.
let redis: RedisServer;
let a: RedisConnection;
let b: RedisConnection;

beforeAll(async () => {
  redis = await startRedisServer();
  a = connectRedis(redis.url);
  b = connectRedis(redis.url);
  for (let waited = 0; !(a.ready && b.ready); waited += 20) {
    if (waited > 20_000) throw new Error("no connection to redis-server");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.close();
});

describe("withFileLock with REDIS_URL set", () => {
  it("locks on Redis (no lock file beside the file) and the compare-and-swap still refuses a lost update", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "folio-lock-"));
    const file = path.join(dir, "post.md");
    writeFileSync(file, "one");
    vi.stubEnv("REDIS_URL", redis.url);
    setSharedRedis(a);
    try {
      await withFileLock(file, async () => {
        expect(await b.client.keys(lockKey("file:*"))).toEqual([lockKey(`file:${file}`)]);
        expect(readdirSync(dir).filter((name) => name.endsWith(".lock"))).toEqual([]);
        // A writer whose lock expired meanwhile: the bytes it read are no longer there, so its write is refused.
        writeFileSync(file, "two");
        await expect(writeFileAtomic(file, "three", { expect: Buffer.from("one") })).rejects.toBeInstanceOf(WriteConflictError);
      });
      expect(existsSync(file)).toBe(true);
      expect(await b.client.keys(lockKey("file:*"))).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      setSharedRedis(undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

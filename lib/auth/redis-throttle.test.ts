import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connectRedis, whenReady, type RedisConnection } from "@/lib/redis/connection.mjs";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { createRedisThrottle, type ThrottleRules } from "./redis-throttle";
import type { Attempt, LoginThrottle } from "./throttle";

// The sign-in throttle with REDIS_URL set, on a real redis-server (started here); `a` and `b` stand for two
// instances, each with its own connection and limiter objects, counting against the same keys.
const RULES: ThrottleRules = { maxFailures: 3, clientMaxFailures: 8, windowMs: 60_000, lockoutMs: 1000, maxLockoutMs: 4000, strikesMemoryMs: 60_000 };
let redis: RedisServer;
let connections: RedisConnection[] = [];
let a: LoginThrottle;
let b: LoginThrottle;

beforeAll(async () => {
  redis = await startRedisServer();
  connections = [connectRedis(redis.url), connectRedis(redis.url)];
  for (const connection of connections) expect(await whenReady(connection, 20_000)).toBe(true);
}, 60_000);

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await redis?.close();
});

beforeEach(async () => {
  await connections[0]!.client.flushAll();
  a = createRedisThrottle(connections[0]!, RULES);
  b = createRedisThrottle(connections[1]!, RULES);
});

async function attempt(throttle: LoginThrottle, email: string, client: string, success = false): Promise<Attempt> {
  const result = await throttle.beginAttempt(email, client);
  if (result.allowed) await result.settle(success ? "success" : "failure");
  return result;
}

describe("sign-in throttle on Redis", () => {
  it("counts failures spread over two instances once: the pair is locked on both, another client still gets in", async () => {
    expect((await attempt(a, "ada@example.com", "ip:10.0.0.66")).allowed).toBe(true);
    expect((await attempt(b, "ada@example.com", "ip:10.0.0.66")).allowed).toBe(true);
    expect((await attempt(a, "ada@example.com", "ip:10.0.0.66")).allowed).toBe(true);
    expect(await attempt(b, "ADA@example.com ", "ip:10.0.0.66", true)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await attempt(a, "ada@example.com", "ip:10.0.0.66")).allowed).toBe(false);
    expect((await attempt(b, "ada@example.com", "ip:192.0.2.10", true)).allowed).toBe(true);
  });

  it("limits concurrent guesses like consecutive ones: of 10 at once, only the limit is checked", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).beginAttempt("ada@example.com", "ip:10.0.0.66")));
    expect(results.filter((r) => r.allowed)).toHaveLength(RULES.maxFailures);
    await Promise.all(results.map((r) => (r.allowed ? r.settle("failure") : undefined)));
    expect((await a.beginAttempt("ada@example.com", "ip:10.0.0.66")).allowed).toBe(false);
  });

  it("a success clears the pair's count; an unchecked attempt gives its point back", async () => {
    await attempt(a, "ada@example.com", "ip:a");
    await attempt(b, "ada@example.com", "ip:a");
    await attempt(a, "ada@example.com", "ip:a", true);
    const unchecked = await b.beginAttempt("ada@example.com", "ip:a");
    if (unchecked.allowed) await unchecked.settle("unchecked");
    await attempt(a, "ada@example.com", "ip:a");
    await attempt(b, "ada@example.com", "ip:a");
    // Two failures since the success (the unchecked one not counted): a third is still allowed.
    expect((await attempt(a, "ada@example.com", "ip:a")).allowed).toBe(true);
    expect((await attempt(a, "ada@example.com", "ip:a")).allowed).toBe(false);
  });

  it("a client failing across accounts is locked as a whole; without a known address there is no client-wide count", async () => {
    for (let i = 0; i < RULES.clientMaxFailures; i++) expect((await attempt(i % 2 ? a : b, `user${i}@example.com`, "ip:203.0.113.66")).allowed).toBe(true);
    expect((await attempt(a, "fresh@example.com", "ip:203.0.113.66")).allowed).toBe(false);
    for (let i = 0; i < RULES.clientMaxFailures + 2; i++) expect((await attempt(b, `user${i}@example.com`, "unknown")).allowed).toBe(true);
  });

  it("the next lockout of the same pair lasts twice as long", async () => {
    const lockOnce = async () => {
      for (let i = 0; i < RULES.maxFailures; i++) expect((await attempt(i % 2 ? a : b, "ada@example.com", "ip:a")).allowed).toBe(true);
      const refused = await attempt(a, "ada@example.com", "ip:a");
      return refused.allowed ? 0 : refused.retryAfterSeconds;
    };
    expect(await lockOnce()).toBe(1);
    // Wait out the lock (however long the machine takes), then lock the pair again.
    const unlocked = async () => {
      const probe = await b.beginAttempt("ada@example.com", "ip:a");
      if (probe.allowed) await probe.settle("unchecked"); // the probe's point goes back
      return probe.allowed;
    };
    await expect.poll(unlocked, { timeout: 30_000, interval: 100 }).toBe(true);
    expect(await lockOnce()).toBe(2);
  }, 60_000);

  it("with Redis unreachable, each instance still throttles on its own (the in-memory insurance limiter)", async () => {
    const nowhere = connectRedis("redis://127.0.0.1:1");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const alone = createRedisThrottle(nowhere, RULES);
      for (let i = 0; i < RULES.maxFailures; i++) expect((await attempt(alone, "ada@example.com", "ip:a")).allowed).toBe(true);
      expect((await attempt(alone, "ada@example.com", "ip:a")).allowed).toBe(false);
    } finally {
      errors.mockRestore();
      await nowhere.close();
    }
  });
});

import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connectRedis, setSharedRedis, whenReady, type RedisConnection } from "@/lib/redis/connection.mjs";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { SESSION_IDLE_MS } from "./config";
import { hashSessionId } from "./session-token";
import { createSession, deleteSession, deleteSessionByHandle, deleteSessionsFor, getSession, listSessionsOf, sessionHandle } from "./sessions";

// Sessions with REDIS_URL set, on a real redis-server (started here); `a` and `b` stand for two instances.
let redis: RedisServer;
let a: RedisConnection;
let b: RedisConnection;
const dataDir = useTempDataDir();
const on = (connection: RedisConnection) => setSharedRedis(connection);

beforeAll(async () => {
  redis = await startRedisServer();
  a = connectRedis(redis.url);
  b = connectRedis(redis.url);
  expect(await whenReady(a, 20_000)).toBe(true);
  expect(await whenReady(b, 20_000)).toBe(true);
}, 60_000);

afterAll(async () => {
  setSharedRedis(undefined);
  await Promise.all([a?.close(), b?.close()]);
  await redis?.close();
});

beforeEach(async () => {
  vi.stubEnv("REDIS_URL", redis.url);
  await a.client.flushAll();
  await seedUsers(dataDir(), [
    { email: "ed@example.com", role: "editor" },
    { email: "mo@example.com", role: "marketer" },
  ]);
});

describe("sessions on Redis", () => {
  it("a session made on A is found on B, and a sign-out on B ends it on A; nothing goes to sessions.json", async () => {
    on(a);
    const id = await createSession("ed@example.com");
    on(b);
    expect(await getSession(id)).toEqual({ email: "ed@example.com", role: "editor" });
    expect(await deleteSession(id)).toBe(true);
    on(a);
    expect(await getSession(id)).toBeNull();
    expect(existsSync(path.join(dataDir(), "sessions.json"))).toBe(false);
  });

  it("stores only the id's hash, and lets Redis forget the session when it could no longer be used", async () => {
    on(a);
    const id = await createSession("ed@example.com");
    const keys = await a.client.keys("folio:session:*");
    expect(keys).toEqual([`folio:session:${hashSessionId(id)}`]);
    expect(JSON.stringify(await a.client.get(keys[0]!))).not.toContain(id);
    const ttl = await a.client.pTTL(keys[0]!);
    expect(ttl).toBeGreaterThan(SESSION_IDLE_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SESSION_IDLE_MS);
  });

  it("records activity without undoing a sign-out, and expires idle sessions by the same rules as the file", async () => {
    on(a);
    const start = Date.now();
    const id = await createSession("ed@example.com", start);
    expect(await getSession(id, start + 2 * 60_000)).not.toBeNull(); // touched
    const stored = JSON.parse((await a.client.get(`folio:session:${hashSessionId(id)}`))!);
    expect(Date.parse(stored.lastSeenAt)).toBe(start + 2 * 60_000);
    expect(await getSession(id, start + 2 * 60_000 + SESSION_IDLE_MS + 1)).toBeNull();
  });

  it("ends every session of a user at once, on every instance", async () => {
    on(a);
    const first = await createSession("ed@example.com");
    on(b);
    const second = await createSession("ed@example.com");
    const other = await createSession("mo@example.com");
    expect(await deleteSessionsFor("ed@example.com")).toBe(2);
    on(a);
    expect(await getSession(first)).toBeNull();
    expect(await getSession(second)).toBeNull();
    expect(await getSession(other)).not.toBeNull();
  });

  it("lists a user's sessions from any instance (the account page) and ends one by its handle", async () => {
    on(a);
    const first = await createSession("ed@example.com");
    on(b);
    const second = await createSession("ed@example.com");
    await createSession("mo@example.com");
    await deleteSession(second);
    const third = await createSession("ed@example.com");
    on(a);
    expect((await listSessionsOf("ed@example.com")).map((s) => s.handle).sort()).toEqual([sessionHandle(first), sessionHandle(third)].sort());
    expect(await deleteSessionByHandle("mo@example.com", sessionHandle(first))).toBe(false);
    expect(await deleteSessionByHandle("ed@example.com", sessionHandle(first))).toBe(true);
    on(b);
    expect(await getSession(first)).toBeNull();
    expect((await listSessionsOf("ed@example.com")).map((s) => s.handle)).toEqual([sessionHandle(third)]);
  });

  it("with Redis unreachable, says so (an error naming Redis) instead of answering 'not signed in'", async () => {
    const nowhere = connectRedis("redis://127.0.0.1:1");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      on(nowhere);
      const id = "x".repeat(43);
      await expect(getSession(id)).rejects.toMatchObject({ code: "EUNAVAILABLE" });
      await expect(createSession("ed@example.com")).rejects.toThrow(/shared store \(Redis\) cannot be reached/);
    } finally {
      errors.mockRestore();
      await nowhere.close();
    }
  });
});

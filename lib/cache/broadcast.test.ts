import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { connectRedis, type RedisConnection } from "../redis/connection.mjs";
import { announceChange, CHANGES_CHANNEL, listenForChanges, waitForAcknowledgements } from "./broadcast";

// Change announcements on a real redis-server (started here): `a` and `b` stand for two instances' connections.
let redis: RedisServer;
let a: RedisConnection;
let b: RedisConnection;
const heardByB: string[][] = [];
let missedByB = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  a = connectRedis(redis.url);
  b = connectRedis(redis.url);
  listenForChanges(
    async (paths) => {
      await new Promise((resolve) => setTimeout(resolve, 30)); // acting takes a while; the acknowledgement waits for it
      heardByB.push(paths);
    },
    () => missedByB++,
    b,
    "instance-b",
  );
  // Subscribed once an announcement reaches one listener.
  await vi.waitFor(async () => expect(Number(await a.client.publish(CHANGES_CHANNEL, "warm-up"))).toBe(1), { timeout: 20_000, interval: 50 });
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.close();
});

describe("announcing content changes", () => {
  it("reaches the other instance, which acts and acknowledges", async () => {
    const announcement = await announceChange(["/", "/blog/a"], a);
    expect(announcement?.listeners).toBe(1);
    expect(await waitForAcknowledgements(announcement!, 20_000, a)).toBe(1);
    // Acknowledged only after acting on it.
    expect(heardByB.at(-1)).toEqual(["/", "/blog/a"]);
  });

  it("an instance only acknowledges its own announcements", async () => {
    const before = heardByB.length;
    const own = await announceChange(["/own"], b, "instance-b");
    expect(await waitForAcknowledgements(own!, 20_000, b)).toBe(1);
    expect(heardByB.length).toBe(before);
  });

  it("ignores a message not in Folio's format, and keeps listening", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await a.client.publish(CHANGES_CHANNEL, JSON.stringify({ id: "x", paths: "not a list" }));
      const announcement = await announceChange(["/after"], a);
      expect(await waitForAcknowledgements(announcement!, 20_000, a)).toBe(1);
      expect(heardByB.at(-1)).toEqual(["/after"]);
    } finally {
      errors.mockRestore();
    }
  });

  it("without Redis, or with Redis away, announces nothing and does not throw", async () => {
    expect(await announceChange(["/"], null)).toBeNull();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const nowhere = connectRedis("redis://127.0.0.1:1");
    try {
      expect(await announceChange(["/"], nowhere)).toBeNull();
    } finally {
      errors.mockRestore();
      await nowhere.close();
    }
  });

  it("after Redis comes back, the listener is told it may have missed announcements, and hears new ones", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await redis.stop();
      await redis.start();
      await vi.waitFor(() => expect(missedByB).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
      await vi.waitFor(async () => expect(Number(await a.client.publish(CHANGES_CHANNEL, "warm-up"))).toBe(1), { timeout: 20_000, interval: 50 });
      const announcement = await announceChange(["/back"], a);
      expect(await waitForAcknowledgements(announcement!, 20_000, a)).toBe(1);
      expect(heardByB.at(-1)).toEqual(["/back"]);
    } finally {
      errors.mockRestore();
    }
  }, 60_000);
});

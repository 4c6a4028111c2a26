import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startRedisServer, type RedisServer } from "@/scripts/bench/redis-server";
import { connectRedis, setSharedRedis, type RedisConnection } from "../redis/connection.mjs";
import FolioCacheHandler, { RENDER_GRACE_MS } from "./next-cache-handler.mjs";
import { RedisTagStore } from "./redis-cache.mjs";
import { pathTags, ReplayingTagStore, RETAIN_MS, setTagStore, tagStore } from "./tag-store.mjs";

// The cache handler on a real redis-server (started here): two "instances" are two connections, as two processes
// would have; what one stores the other serves, what one expires is expired for both.
const { getRouteCacheKey } = createRequire(import.meta.url)("next/dist/server/lib/route-cache-key.js");

let redis: RedisServer;
let a: RedisConnection;
let b: RedisConnection;
let dist: string;
const OWNER = { kind: "APP_PAGE", sourceRoute: "/(site)/blog/[slug]/page" };
const KEY: string = getRouteCacheKey("/blog/a", OWNER);
const CARD_KEY: string = getRouteCacheKey("/blog/a/social-card.png", { kind: "APP_ROUTE", sourceRoute: "/(site)/blog/[slug]/social-card.png/route" });
const PAGE_CTX = { kind: "APP_PAGE", isFallback: false };
const SET_CTX = { cacheControl: { revalidate: 60, expire: 300 }, isRoutePPREnabled: false, isFallback: false };
const TAGS = "_N_T_/layout,_N_T_/blog/layout,_N_T_/blog/[slug]/page,_N_T_/blog/a";

function page(status?: number, html = "<p>a</p>") {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from("0:rsc"),
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
    headers: { "x-next-cache-tags": TAGS },
    status,
    postponed: undefined,
  };
}

// Every byte value, as a PNG's body holds: a utf-8 round trip would corrupt it.
const PNG = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
const card = (status = 200) => ({ kind: "APP_ROUTE", body: PNG, status, headers: { "content-type": "image/png", "x-next-cache-tags": "_N_T_/blog/a/social-card.png" } });

/** A handler as instance `connection` would construct it, for the build in `distDir`. */
function handlerOn(connection: RedisConnection, distDir = dist): FolioCacheHandler {
  setSharedRedis(connection);
  setTagStore(undefined as never);
  return new FolioCacheHandler({ serverDistDir: distDir, revalidatedTags: [] });
}

const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let waited = 0; !(await check()); waited += 25) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

beforeAll(async () => {
  redis = await startRedisServer();
  a = connectRedis(redis.url);
  b = connectRedis(redis.url);
  await until(() => a.ready && b.ready, "both connections");
}, 60_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.close();
  setSharedRedis(undefined);
  setTagStore(undefined as never);
});

beforeEach(async () => {
  vi.stubEnv("REDIS_URL", redis.url);
  dist = mkdtempSync(path.join(os.tmpdir(), "folio-build-"));
  mkdirSync(path.join(dist, "server"));
  writeFileSync(path.join(dist, "BUILD_ID"), `build-${path.basename(dist)}`);
  dist = path.join(dist, "server");
  await a.client.flushAll();
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(path.dirname(dist), { recursive: true, force: true });
});

describe("one cache for every instance", () => {
  it("serves on B what A stored: Buffers, Maps and binary bodies intact", async () => {
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    await handlerOn(a).set(CARD_KEY, card(), SET_CTX);
    const entry = await handlerOn(b).get(KEY, PAGE_CTX);
    expect(entry?.value).toMatchObject({ kind: "APP_PAGE", html: "<p>a</p>" });
    expect(Buffer.isBuffer(entry?.value.rscData)).toBe(true);
    expect(entry?.value.segmentData.get("/_tree").toString()).toBe("tree");
    expect(entry?.cacheControl).toEqual({ revalidate: 60, expire: 300 });
    expect(entry?.lastModified).toBeGreaterThan(Date.now() - 60_000);
    const stored = await handlerOn(b).get(CARD_KEY, { kind: "APP_ROUTE", isFallback: false });
    expect(Buffer.compare(stored?.value.body, PNG)).toBe(0);
  });

  it("keys entries by build: another build never reads them", async () => {
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    const other = mkdtempSync(path.join(os.tmpdir(), "folio-build-"));
    mkdirSync(path.join(other, "server"));
    writeFileSync(path.join(other, "BUILD_ID"), "another-build");
    try {
      expect(await handlerOn(b, path.join(other, "server")).get(KEY, PAGE_CTX)).toBeNull();
      expect((await a.client.keys("folio:build-*:e:*")).length).toBe(1);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("never stores a 404, a 405 or a redirect, and a 404 deletes the old 200", async () => {
    await handlerOn(a).set(KEY, page(404), SET_CTX);
    await handlerOn(a).set(CARD_KEY, card(405), SET_CTX);
    expect(await a.client.keys("folio:*:e:*")).toEqual([]);
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    await handlerOn(b).set(KEY, page(307), SET_CTX);
    expect(await handlerOn(a).get(KEY, PAGE_CTX)).toBeNull();
    expect(await a.client.keys("folio:*:e:*")).toEqual([]);
  });

  it("keeps an entry no longer than its expire time, and never past an hour", async () => {
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    const [key] = await a.client.keys("folio:*:e:*");
    const ttl = await a.client.pTTL(key!);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
    await handlerOn(a).set(KEY, page(200), { ...SET_CTX, cacheControl: { revalidate: 60, expire: 31_536_000 } });
    expect(await a.client.pTTL(key!)).toBeLessThanOrEqual(RETAIN_MS);
  });
});

describe("expiry on every instance", () => {
  it("a path expired on B is a miss on A; other paths stay", async () => {
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    await handlerOn(a).set(CARD_KEY, card(), SET_CTX);
    await handlerOn(b).revalidateTag(pathTags("/blog/a"));
    expect(await handlerOn(a).get(KEY, PAGE_CTX)).toBeNull();
    expect(await handlerOn(a).get(CARD_KEY, { kind: "APP_ROUTE", isFallback: false })).not.toBeNull();
  });

  it("route handlers are tagged too: expiring the card's path expires the card", async () => {
    await handlerOn(a).set(CARD_KEY, card(), SET_CTX);
    handlerOn(b);
    await tagStore().expire(pathTags("/blog/a/social-card.png"));
    expect(await handlerOn(a).get(CARD_KEY, { kind: "APP_ROUTE", isFallback: false })).toBeNull();
  });

  it("a prefix (/blog/*) expires every page below it", async () => {
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    handlerOn(b);
    await tagStore().expire(pathTags("/blog/*"));
    expect(await handlerOn(a).get(KEY, PAGE_CTX)).toBeNull();
  });

  it("an entry stored longer than the grace period after an expiry is kept and served", async () => {
    const [seconds] = (await a.client.time()) as unknown as [number];
    await a.client.hSet("folio:tags", "_N_T_/blog/a", String(Number(seconds) * 1000 - RENDER_GRACE_MS - 5000));
    await handlerOn(a).set(KEY, page(200), SET_CTX);
    expect(await handlerOn(b).get(KEY, PAGE_CTX)).not.toBeNull();
  });

  it("an answer rendered just before its tag expired (on any instance) is not stored, and the old one goes", async () => {
    await handlerOn(a).set(KEY, page(200, "<p>old</p>"), SET_CTX);
    handlerOn(b);
    await tagStore().expire(pathTags("/blog/a"));
    await handlerOn(a).set(KEY, page(200, "<p>maybe old</p>"), SET_CTX);
    expect(await a.client.keys("folio:*:e:*")).toEqual([]);
  });

  it("expiries are stamped with Redis's clock, whatever this process's clock says", async () => {
    handlerOn(a);
    const [seconds] = (await a.client.time()) as unknown as [number, number];
    vi.useFakeTimers({ now: new Date("2001-01-01T00:00:00Z"), toFake: ["Date"] });
    try {
      await tagStore().expire(["_N_T_/clock"]);
    } finally {
      vi.useRealTimers();
    }
    const at = Number(await a.client.hGet("folio:tags", "_N_T_/clock"));
    expect(Math.abs(at - Number(seconds) * 1000)).toBeLessThan(60_000);
  });
});

describe("when Redis is away", () => {
  it("reads are misses, writes are dropped, expiries wait for its return; each logged at most every 10 s", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const lone = connectRedis(redis.url);
    try {
      await until(() => lone.ready, "the connection");
      const handler = handlerOn(lone);
      const store = tagStore() as ReplayingTagStore;
      await handler.set(KEY, page(200), SET_CTX);
      await redis.stop();
      await until(() => !lone.ready, "the connection to drop");
      for (let i = 0; i < 50; i++) {
        expect(await handler.get(KEY, PAGE_CTX)).toBeNull();
        await handler.set(KEY, page(200), SET_CTX);
      }
      await handler.revalidateTag(pathTags("/blog/a"));
      expect(store.pending).toBeGreaterThan(0);
      expect(errors.mock.calls.filter(([line]) => String(line).startsWith("[folio] redis")).length).toBeLessThanOrEqual(2);
      await redis.start();
      await until(() => store.pending === 0, "the kept expiries to be written");
      expect(await lone.client.hGet("folio:tags", "_N_T_/blog/a")).not.toBeNull();
    } finally {
      errors.mockRestore();
      await lone.close();
      if (!a.ready) await until(() => a.ready && b.ready, "reconnection");
    }
  }, 60_000);
});

describe("RedisTagStore.expiredSince", () => {
  it("answers for exact and prefix tags by Redis's clock", async () => {
    const store = new RedisTagStore(a, RETAIN_MS);
    const before = Number(((await a.client.time()) as unknown as [number])[0]) * 1000 - 1000;
    expect(await store.expiredSince(["_N_T_/x"], before)).toBe(false);
    await store.expire(["_N_T_/x", "_N_T_/topics/*"]);
    expect(await store.expiredSince(["_N_T_/x"], before)).toBe(true);
    expect(await store.expiredSince(["_N_T_/topics/a"], before)).toBe(true);
    expect(await store.expiredSince(["_N_T_/y"], before)).toBe(false);
  });
});

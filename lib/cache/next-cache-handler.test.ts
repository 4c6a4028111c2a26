import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import FolioCacheHandler, { RENDER_GRACE_MS, isCacheable } from "./next-cache-handler.mjs";
import { MemoryTagStore, pathTags, setTagStore } from "./tag-store.mjs";

// The handler over Next.js's real FileSystemCache, on a scratch build folder: what it writes, deletes and answers.
const require = createRequire(import.meta.url);
const { nodeFs } = require("next/dist/server/lib/node-fs-methods.js");
const { getRouteCacheKey } = require("next/dist/server/lib/route-cache-key.js");

let dist: string;
let store: MemoryTagStore;
const handler = () => new FolioCacheHandler({ fs: nodeFs, serverDistDir: dist, flushToDisk: true, revalidatedTags: [], _requestHeaders: {} });
const OWNER = { kind: "APP_PAGE", sourceRoute: "/(site)/blog/[slug]/page" };
const KEY: string = getRouteCacheKey("/blog/a", OWNER);
const ROUTE_KEY: string = getRouteCacheKey("/feed.xml", { kind: "APP_ROUTE", sourceRoute: "/(site)/feed.xml/route" });
const PAGE_CTX = { kind: "APP_PAGE", isFallback: false, isRoutePPREnabled: false };
const SET_CTX = { cacheControl: { revalidate: 60, expire: 300 }, isRoutePPREnabled: false, isFallback: false };
const TAGS = "_N_T_/layout,_N_T_/blog/layout,_N_T_/blog/[slug]/page,_N_T_/blog/a";

function page(status: number | undefined, html = "<p>a</p>") {
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

function route(status: number, body = "<rss/>") {
  return { kind: "APP_ROUTE", body: Buffer.from(body), status, headers: { "content-type": "application/xml", "x-next-cache-tags": "_N_T_/feed.xml" } };
}

function files(): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])) : [];
  return walk(dist).map((f) => path.relative(dist, f));
}

beforeEach(() => {
  dist = mkdtempSync(path.join(os.tmpdir(), "folio-cache-"));
  store = new MemoryTagStore();
  setTagStore(store);
});
afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe("what the handler stores", () => {
  it("stores and returns a 200 page", async () => {
    await handler().set(KEY, page(200), SET_CTX);
    expect(files().length).toBeGreaterThanOrEqual(4);
    const entry = await handler().get(KEY, PAGE_CTX);
    expect(entry?.value).toMatchObject({ kind: "APP_PAGE", html: "<p>a</p>" });
  });

  it("writes nothing for a 404 page, a 405 route or a redirect", async () => {
    await handler().set(KEY, page(404), SET_CTX);
    await handler().set(ROUTE_KEY, route(405, ""), SET_CTX);
    await handler().set(getRouteCacheKey("/blog/page/1", OWNER), page(307), SET_CTX);
    expect(files()).toEqual([]);
  });

  it("deletes the old 200 when the same page now answers 404", async () => {
    await handler().set(KEY, page(200), SET_CTX);
    await handler().set(KEY, page(404), SET_CTX);
    expect(files()).toEqual([]);
    expect(await handler().get(KEY, PAGE_CTX)).toBeNull();
  });

  it("deletes the build's prerendered copy of that page too, so it is not served again", async () => {
    // What `next build` leaves for a prerendered post: the page at its plain path, its meta naming the scoped key.
    const seed = path.join(dist, "app", "blog");
    mkdirSync(path.join(seed, "a.segments"), { recursive: true });
    writeFileSync(path.join(seed, "a.html"), "<p>old</p>");
    writeFileSync(path.join(seed, "a.rsc"), "0:old");
    writeFileSync(path.join(seed, "a.segments", "_tree.segment.rsc"), "tree");
    writeFileSync(path.join(seed, "a.meta"), JSON.stringify({ status: 200, headers: { "x-next-cache-tags": TAGS }, routeCache: { key: KEY, owner: OWNER, isFallback: false } }));
    expect((await handler().get(KEY, PAGE_CTX))?.value).toMatchObject({ html: "<p>old</p>" });
    await handler().set(KEY, page(404), SET_CTX);
    expect(files()).toEqual([]);
    expect(await handler().get(KEY, PAGE_CTX)).toBeNull();
  });

  it("a POST's 405 never replaces a feed", async () => {
    await handler().set(ROUTE_KEY, route(200), SET_CTX);
    await handler().set(ROUTE_KEY, route(405, ""), SET_CTX);
    expect(await handler().get(ROUTE_KEY, { kind: "APP_ROUTE", isFallback: false })).toBeNull();
    await handler().set(ROUTE_KEY, route(200), SET_CTX);
    const entry = await handler().get(ROUTE_KEY, { kind: "APP_ROUTE", isFallback: false });
    expect(entry?.value.body.toString()).toBe("<rss/>");
  });

  it("a key too long for the file system is a miss and a no-op, never an exception", async () => {
    const long: string = getRouteCacheKey(`/blog/${"a".repeat(300)}`, OWNER);
    await handler().set(long, page(404), SET_CTX);
    expect(await handler().get(long, PAGE_CTX)).toBeNull();
  });

  it.each([
    [{ kind: "APP_PAGE", status: undefined }, true],
    [{ kind: "APP_PAGE", status: 200 }, true],
    [{ kind: "APP_PAGE", status: 404 }, false],
    [{ kind: "APP_PAGE", status: 500 }, false],
    [{ kind: "APP_ROUTE", status: 204 }, true],
    [{ kind: "APP_ROUTE", status: 405 }, false],
    [{ kind: "FETCH", data: { status: 200 } }, true],
    [{ kind: "FETCH", data: { status: 404 } }, false],
    [null, false],
  ])("isCacheable(%j) is %s", (value, expected) => {
    expect(isCacheable(value)).toBe(expected);
  });
});

describe("expiry", () => {
  it("an entry whose tag was expired after it was stored is a miss", async () => {
    await handler().set(KEY, page(200), SET_CTX);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.expire(pathTags("/blog/a"));
    expect(await handler().get(KEY, PAGE_CTX)).toBeNull();
  });

  it("an expiry of another path, or an older one, leaves it alone", async () => {
    await store.expire(pathTags("/blog/a"), Date.now() - 60_000);
    await handler().set(KEY, page(200), SET_CTX);
    await store.expire(pathTags("/blog/b"));
    expect(await handler().get(KEY, PAGE_CTX)).not.toBeNull();
  });

  it("a prefix path (/blog/*) expires every page below it", async () => {
    await handler().set(KEY, page(200), SET_CTX);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.expire(pathTags("/blog/*"));
    expect(await handler().get(KEY, PAGE_CTX)).toBeNull();
  });

  it("revalidatePath's call (revalidateTag with the path's tag) expires it", async () => {
    await handler().set(KEY, page(200), SET_CTX);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await handler().revalidateTag(["_N_T_/blog/a"]);
    expect(await handler().get(KEY, PAGE_CTX)).toBeNull();
  });

  it("an answer rendered just before its tag expired is served but not stored", async () => {
    await store.expire(pathTags("/blog/a"), Date.now() - RENDER_GRACE_MS / 2);
    await handler().set(KEY, page(200, "<p>maybe old</p>"), SET_CTX);
    expect(files()).toEqual([]);
    await store.expire(pathTags("/blog/a"), Date.now() - RENDER_GRACE_MS - 1000);
    setTagStore((store = new MemoryTagStore()));
    await store.expire(pathTags("/blog/a"), Date.now() - RENDER_GRACE_MS - 1000);
    await handler().set(KEY, page(200), SET_CTX);
    expect(files().length).toBeGreaterThan(0);
  });
});

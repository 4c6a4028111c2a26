import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MemoryTagStore, pathTags, RETAIN_MS } from "./tag-store.mjs";

const { encodeHeaderSafe } = createRequire(import.meta.url)("next/dist/server/lib/encode-header-safe.js");

describe("pathTags", () => {
  it("names a path as revalidatePath does", () => {
    expect(pathTags("/blog/a")).toEqual(["_N_T_/blog/a"]);
    expect(pathTags("/blog/a/")).toEqual(["_N_T_/blog/a"]);
    expect(pathTags("/")).toEqual(["_N_T_/", "_N_T_/index"]);
    expect(pathTags("/feed.xml")).toEqual(["_N_T_/feed.xml"]);
    expect(pathTags("/blog/page/*")).toEqual(["_N_T_/blog/page/*"]);
  });

  it("encodes a path outside printable ASCII exactly as Next.js encodes the page's own tag", () => {
    for (const path of ["/tags/café", "/topics/日本", "/blog/emoji-😀", "/tags/a b"]) {
      expect(pathTags(path)).toEqual([`_N_T_${encodeHeaderSafe(path)}`]);
    }
  });
});

describe("MemoryTagStore", () => {
  it("says whether any tag was expired after a time", async () => {
    const store = new MemoryTagStore();
    await store.expire(["a"], 1000);
    expect(await store.expiredSince(["a"], 999)).toBe(true);
    expect(await store.expiredSince(["a"], 1000)).toBe(false);
    expect(await store.expiredSince(["b", "a"], 500)).toBe(true);
    expect(await store.expiredSince(["b"], 0)).toBe(false);
  });

  it("keeps the latest expiry of a tag", async () => {
    const store = new MemoryTagStore();
    await store.expire(["a"], 2000);
    await store.expire(["a"], 1000);
    expect(await store.expiredSince(["a"], 1500)).toBe(true);
  });

  it("a tag ending in * expires every tag it is a prefix of, and not the bare path", async () => {
    const store = new MemoryTagStore();
    await store.expire(["_N_T_/blog/*"], 1000);
    expect(await store.expiredSince(["_N_T_/blog/a"], 0)).toBe(true);
    expect(await store.expiredSince(["_N_T_/blog/page/2"], 0)).toBe(true);
    expect(await store.expiredSince(["_N_T_/blog"], 0)).toBe(false);
    expect(await store.expiredSince(["_N_T_/blogroll"], 0)).toBe(false);
  });

  it("stays bounded: old expiries are forgotten once many are held", async () => {
    const store = new MemoryTagStore();
    const now = Date.now();
    await store.expire(["old"], now - RETAIN_MS - 1);
    await store.expire(Array.from({ length: 10_001 }, (_, i) => `t${i}`), now);
    expect(await store.expiredSince(["old"], 0)).toBe(false);
    expect(await store.expiredSince(["t5"], now - 1)).toBe(true);
  });
});

import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { cacheFolder, cacheKey, codeFingerprint, readCacheFile, writeCacheFile } from "./disk-cache";

afterEach(() => vi.unstubAllEnvs());

const entrySchema = z.object({ html: z.string(), headings: z.array(z.object({ id: z.string() })) });

describe("the disk cache", () => {
  it("lives under the build folder's cache/, and is off with FOLIO_DISK_CACHE=0", () => {
    vi.stubEnv("FOLIO_DIST_DIR", "bench/work/next");
    expect(cacheFolder("render")).toBe(path.resolve("bench/work/next/cache/folio/render"));
    vi.stubEnv("FOLIO_DISK_CACHE", "0");
    expect(cacheFolder("render")).toBeNull();
  });

  it("keys by every part, so a changed byte or a changed fingerprint is a miss", () => {
    const base = cacheKey("code-1", "posts/a.md", "body");
    expect(cacheKey("code-1", "posts/a.md", "body")).toBe(base);
    expect(cacheKey("code-1", "posts/a.md", "body.")).not.toBe(base);
    expect(cacheKey("code-2", "posts/a.md", "body")).not.toBe(base);
    expect(cacheKey("code-1", "posts/b.md", "body")).not.toBe(base);
    // Parts are delimited: moving a character from one part to the next is a different key.
    expect(cacheKey("ab", "c")).not.toBe(cacheKey("a", "bc"));
  });

  it("fingerprints the project's sources, and gives up (null) when one cannot be read", () => {
    expect(codeFingerprint(["lib/content/disk-cache.ts"])).toMatch(/^[0-9a-f]{16}$/);
    expect(codeFingerprint(["lib/content/no-such-file.ts"])).toBeNull();
  });

  it("reads back what it wrote, leaves no temp file, and treats a broken file as a miss", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "folio-disk-cache-"));
    const file = path.join(dir, "ab", "entry.json");
    writeCacheFile(file, { html: "<p>x</p>", headings: [] });
    expect(readCacheFile(file, entrySchema)).toEqual({ html: "<p>x</p>", headings: [] });
    expect(readdirSync(path.dirname(file))).toEqual(["entry.json"]);
    writeFileSync(file, "{ half a");
    expect(readCacheFile(file, entrySchema)).toBeUndefined();
    expect(readCacheFile(path.join(dir, "missing.json"), entrySchema)).toBeUndefined();
  });

  it("treats valid JSON of the wrong shape as a miss, never as a value", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "folio-disk-cache-"));
    const file = path.join(dir, "entry.json");
    for (const wrong of [null, [], "html", { html: 5, headings: [] }, { html: "<p>x</p>" }, { html: "<p>x</p>", headings: [{ id: 1 }] }]) {
      writeFileSync(file, JSON.stringify(wrong));
      expect(readCacheFile(file, entrySchema), JSON.stringify(wrong)).toBeUndefined();
    }
  });
});

import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { INDEX_MAX_AGE_MS, invalidateContentIndex, loadContentIndex, type ContentIndex } from "./load";
import { MAX_FILE_BYTES, formatIssue } from "./parse";

const FIXTURES = path.join(__dirname, "../../tests/fixtures/content");
const MIXED = path.join(FIXTURES, "mixed");
// A copy of the sample essays: tests never read content/, so a writer adding an essay never fails the suite.
const SAMPLE_SITE = path.join(__dirname, "../../tests/fixtures/site");

const temps: string[] = [];
/** A fresh CONTENT_DIR (with an empty posts/) in the OS temp dir; removed after the file's tests. */
function tempContentDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-load-"));
  temps.push(dir);
  mkdirSync(path.join(dir, "posts"));
  return dir;
}

function post(title: string, date = "2025-10-01", extra = ""): string {
  return `---\ntitle: ${title}\ndescription: A test post.\ndate: ${date}\n${extra}---\n\nBody of ${title}.\n`;
}

const errors = (index: ContentIndex) => index.issues.filter((i) => i.severity === "error").map(formatIssue);
const warnings = (index: ContentIndex) => index.issues.filter((i) => i.severity === "warning").map(formatIssue);

beforeEach(() => invalidateContentIndex());
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("loadContentIndex: a directory of good and bad files", () => {
  it("loads the good ones, newest first", async () => {
    const index = await loadContentIndex(MIXED);
    expect(index.posts.map((p) => p.slug)).toEqual(["shared-slug", "good-two", "good-one"]);
    expect(index.posts.find((p) => p.slug === "shared-slug")?.file).toBe("posts/dup-a.md");
  });

  it("reports every bad file, each problem on its own line", async () => {
    const index = await loadContentIndex(MIXED);
    expect(errors(index)).toEqual([
      "posts/bad-booleans.md:2: title: must not be empty",
      "posts/bad-booleans.md:4: featured: must be true or false (unquoted)",
      "posts/bad-date.md:4: date: must be a date such as 2025-10-22 or 2025-10-22T12:19:01-05:00",
      "posts/dup-b.md: slug: the slug 'shared-slug' belongs to posts/dup-a.md, which is public; this file is left out until it has its own",
      "posts/js-front-matter.md:1: file: JavaScript front matter ('---js') is refused and never run; write YAML, TOML or JSON",
      "posts/typo.md:5: feautred: is not a field; did you mean 'featured'? A misspelt field is an error so that a typo never publishes a post",
    ]);
    expect(warnings(index)).toEqual([]);
  });

  it("has one report per post file, skipping dot-files and other extensions", async () => {
    const index = await loadContentIndex(MIXED);
    expect(index.files.map((f) => f.file)).toEqual([
      "posts/bad-booleans.md",
      "posts/bad-date.md",
      "posts/dup-a.md",
      "posts/dup-b.md",
      "posts/good-one.md",
      "posts/good-two.mdx",
      "posts/js-front-matter.md",
      "posts/typo.md",
    ]);
    expect(index.files.filter((f) => f.post).map((f) => f.file)).toEqual([
      "posts/dup-a.md",
      "posts/good-one.md",
      "posts/good-two.mdx",
    ]);
  });

  it("never evaluates JavaScript front matter", async () => {
    await loadContentIndex(MIXED);
    expect((globalThis as Record<string, unknown>).PWNED).toBeUndefined();
  });

  it("answers an empty index when there is no posts directory", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "folio-load-"));
    temps.push(dir);
    const index = await loadContentIndex(dir);
    expect(index).toMatchObject({ files: [], posts: [], issues: [] });
  });
});

describe("loadContentIndex: the sample site (tests/fixtures/site)", () => {
  it("has no errors and carries the sample post with its offset", async () => {
    const index = await loadContentIndex(SAMPLE_SITE);
    expect(errors(index)).toEqual([]);
    const sample = index.posts.find((p) => p.slug === "how-to-win-a-partnership-meeting");
    expect(sample?.date).toBe("2025-10-22T12:19:01-05:00");
    expect(sample?.publishedAt).toBe(Date.UTC(2025, 9, 22, 17, 19, 1));
  });
});

describe("loadContentIndex: files the loader refuses", () => {
  it("refuses a file over 1 MiB and accepts one of exactly 1 MiB", async () => {
    const dir = tempContentDir();
    const head = post("Exactly one mebibyte");
    writeFileSync(path.join(dir, "posts/at-limit.md"), head + "a".repeat(MAX_FILE_BYTES - Buffer.byteLength(head)));
    writeFileSync(path.join(dir, "posts/too-big.md"), head + "a".repeat(MAX_FILE_BYTES - Buffer.byteLength(head) + 1));
    const index = await loadContentIndex(dir);
    expect(errors(index)).toEqual(["posts/too-big.md: file: is 1048577 bytes; the limit is 1048576 bytes (1 MiB)"]);
    expect(index.posts.map((p) => p.slug)).toEqual(["at-limit"]);
  });

  it("refuses bytes that are not UTF-8 and NUL bytes, and still loads the rest", async () => {
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/latin1.md"), Buffer.from("---\ntitle: Caf\xe9\ndate: 2025-10-01\n---\n", "latin1"));
    writeFileSync(path.join(dir, "posts/binary.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(dir, "posts/fine.md"), post("Fine"));
    const index = await loadContentIndex(dir);
    expect(errors(index)).toEqual([
      "posts/binary.md:2: file: contains a NUL byte; it looks like a binary file, not markdown",
      "posts/latin1.md: file: is not valid UTF-8; save it as UTF-8 text",
    ]);
    expect(index.posts.map((p) => p.slug)).toEqual(["fine"]);
  });

  it("loads a CRLF file with a BOM as the same post as its LF twin", async () => {
    const dir = tempContentDir();
    const lf = readFileSync(path.join(FIXTURES, "files/valid.md"), "utf8").replace("slug: valid-post\n", "");
    writeFileSync(path.join(dir, "posts/lf.md"), lf);
    writeFileSync(path.join(dir, "posts/windows.md"), `\uFEFF${lf.replaceAll("\n", "\r\n")}`);
    const index = await loadContentIndex(dir);
    expect(index.issues).toEqual([]);
    const [a, b] = ["lf", "windows"].map((slug) => index.posts.find((p) => p.slug === slug)!);
    expect(b).toEqual({ ...a, slug: "windows", path: "/blog/windows", file: "posts/windows.md", hash: b!.hash });
    expect(b?.title).toBe("Valid post");
  });

  it("refuses a symlink that leaves CONTENT_DIR, and follows one that stays inside", async () => {
    const dir = tempContentDir();
    const outside = tempContentDir();
    writeFileSync(path.join(outside, "secret.md"), post("Secret"));
    // A sibling whose name starts with CONTENT_DIR's name is still outside it.
    const sibling = `${dir}-evil`;
    temps.push(sibling);
    mkdirSync(sibling);
    writeFileSync(path.join(sibling, "secret.md"), post("Sibling secret"));
    mkdirSync(path.join(dir, "shared"));
    writeFileSync(path.join(dir, "shared/inner.md"), post("Inner"));

    symlinkSync(path.join(outside, "secret.md"), path.join(dir, "posts/escape.md"));
    symlinkSync(path.join(sibling, "secret.md"), path.join(dir, "posts/sibling.md"));
    symlinkSync("../shared/inner.md", path.join(dir, "posts/inner-link.md"));
    symlinkSync(path.join(dir, "shared/missing.md"), path.join(dir, "posts/dangling.md"));

    const index = await loadContentIndex(dir);
    expect(errors(index)).toEqual([
      "posts/dangling.md: file: is a symbolic link to nothing",
      "posts/escape.md: file: is a symbolic link that leaves CONTENT_DIR; refused",
      "posts/sibling.md: file: is a symbolic link that leaves CONTENT_DIR; refused",
    ]);
    expect(index.posts.map((p) => [p.slug, p.title])).toEqual([["inner-link", "Inner"]]);
  });

  it("refuses a directory named like a post", async () => {
    const dir = tempContentDir();
    mkdirSync(path.join(dir, "posts/folder.md"));
    const index = await loadContentIndex(dir);
    expect(errors(index)).toEqual(["posts/folder.md: file: is not a regular file"]);
  });
});

describe("loadContentIndex: the cache", () => {
  it("returns the same index within INDEX_MAX_AGE_MS and the same report for an unchanged file", async () => {
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/one.md"), post("One"));
    const first = await loadContentIndex(dir);
    expect(await loadContentIndex(dir)).toBe(first);

    invalidateContentIndex();
    const second = await loadContentIndex(dir);
    expect(second).not.toBe(first);
    expect(second.files[0]).toBe(first.files[0]);
  });

  it("shares one read between concurrent calls", async () => {
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/one.md"), post("One"));
    const [a, b] = await Promise.all([loadContentIndex(dir), loadContentIndex(dir)]);
    expect(a).toBe(b);
  });

  it("answers each directory with its own files, even when asked concurrently", async () => {
    const dirA = tempContentDir();
    const dirB = tempContentDir();
    writeFileSync(path.join(dirA, "posts/in-a.md"), post("In A"));
    writeFileSync(path.join(dirB, "posts/in-b.md"), post("In B"));
    const [a, b] = await Promise.all([loadContentIndex(dirA), loadContentIndex(dirB)]);
    expect(a.posts.map((p) => p.slug)).toEqual(["in-a"]);
    expect(b.posts.map((p) => p.slug)).toEqual(["in-b"]);
  });

  it("re-reads a changed file after invalidateContentIndex", async () => {
    const dir = tempContentDir();
    const file = path.join(dir, "posts/one.md");
    writeFileSync(file, post("One"));
    const before = await loadContentIndex(dir);
    writeFileSync(file, post("One, revised"));
    // Within the max age and without invalidation, the loaded index is still trusted.
    expect((await loadContentIndex(dir)).posts[0]?.title).toBe("One");
    invalidateContentIndex();
    const after = await loadContentIndex(dir);
    expect(after.posts[0]?.title).toBe("One, revised");
    expect(after.files[0]).not.toBe(before.files[0]);
  });

  it("re-reads a changed file once the index is older than INDEX_MAX_AGE_MS", async () => {
    const dir = tempContentDir();
    const file = path.join(dir, "posts/one.md");
    writeFileSync(file, post("One"));
    await loadContentIndex(dir);
    writeFileSync(file, post("One", "2025-10-01", "featured: true\n"));
    const later = await loadContentIndex(dir, Date.now() + INDEX_MAX_AGE_MS);
    expect(later.posts[0]?.featured).toBe(true);
  });

  it("drops a deleted file and picks up a new one", async () => {
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/one.md"), post("One"));
    writeFileSync(path.join(dir, "posts/two.md"), post("Two", "2025-10-02"));
    expect((await loadContentIndex(dir)).posts.map((p) => p.slug)).toEqual(["two", "one"]);
    unlinkSync(path.join(dir, "posts/two.md"));
    writeFileSync(path.join(dir, "posts/three.md"), post("Three", "2025-09-01"));
    invalidateContentIndex();
    const index = await loadContentIndex(dir);
    expect(index.posts.map((p) => p.slug)).toEqual(["one", "three"]);
    expect(index.files.map((f) => f.file)).toEqual(["posts/one.md", "posts/three.md"]);
  });

  it("clears a duplicate-slug error once the other file is gone", async () => {
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/a.md"), post("A", "2025-10-01", "slug: same\n"));
    writeFileSync(path.join(dir, "posts/b.md"), post("B", "2025-10-02", "slug: same\n"));
    const before = await loadContentIndex(dir);
    expect(errors(before)).toEqual(["posts/b.md: slug: the slug 'same' belongs to posts/a.md, which is public; this file is left out until it has its own"]);
    unlinkSync(path.join(dir, "posts/a.md"));
    invalidateContentIndex();
    const after = await loadContentIndex(dir);
    expect(after.issues).toEqual([]);
    expect(after.posts.map((p) => p.title)).toEqual(["B"]);
  });
});

describe("loadContentIndex: the disk cache", () => {
  afterEach(() => vi.unstubAllEnvs());

  /** Loads one post in a fresh folder with the disk cache under a temp build folder; returns the entry's path. */
  async function cachedPost(dist: string) {
    vi.stubEnv("FOLIO_DIST_DIR", dist);
    vi.stubEnv("FOLIO_DISK_CACHE", "1");
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/cached.md"), post("Cached"));
    const index = await loadContentIndex(dir);
    const root = path.join(dist, "cache/folio/index");
    const entries = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json"));
    expect(entries).toHaveLength(1);
    return { post: index.posts[0]!, entry: path.join(root, entries[0]!) };
  }

  /** The same bytes under the same name in another folder: the process's own cache misses, the disk cache is asked. */
  async function loadAgain(): Promise<ContentIndex> {
    const dir = tempContentDir();
    writeFileSync(path.join(dir, "posts/cached.md"), post("Cached"));
    invalidateContentIndex();
    return loadContentIndex(dir);
  }

  it("takes a well-formed entry (so the cases below do go through the disk cache)", async () => {
    const dist = tempContentDir();
    const { entry } = await cachedPost(dist);
    const stored = JSON.parse(readFileSync(entry, "utf8"));
    writeFileSync(entry, JSON.stringify({ ...stored, post: { ...stored.post, title: "From the cache" } }));
    expect((await loadAgain()).posts.map((p) => p.title)).toEqual(["From the cache"]);
  });

  it.each([
    ["valid JSON of the wrong shape", (text: string) => JSON.stringify({ ...JSON.parse(text), post: { ...JSON.parse(text).post, title: 42 } })],
    ["an entry from older code, missing a field", (text: string) => JSON.stringify({ ...JSON.parse(text), post: { ...JSON.parse(text).post, hash: undefined } })],
    ["a list instead of a report", () => "[]"],
    ["truncated JSON", (text: string) => text.slice(0, text.length >> 1)],
  ])("treats %s as a miss: the post is parsed again, right, and the entry rewritten", async (_label, corrupt) => {
    const dist = tempContentDir();
    const { post: fresh, entry } = await cachedPost(dist);
    const good = readFileSync(entry, "utf8");
    writeFileSync(entry, corrupt(good));
    const index = await loadAgain();
    expect(index.posts).toEqual([fresh]);
    expect(index.issues).toEqual([]);
    expect(JSON.parse(readFileSync(entry, "utf8"))).toEqual(JSON.parse(good));
  });
});

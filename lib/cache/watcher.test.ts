import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invalidateContentIndex, loadContentIndex, onContentChange, settleContentChange } from "@/lib/content";
import { affectedPaths } from "./index";
import { MemoryTagStore, setTagStore } from "./tag-store.mjs";
import { foldersToWatch, startContentWatcher, type ContentWatcher } from "./watcher";

// The watcher against real files: nothing calls it but the file system and the clock.
let dir: string;
let store: MemoryTagStore;
let watcher: ContentWatcher | undefined;

const post = (slug: string, extra = "", date = "2025-01-02") =>
  `---\ntitle: Post ${slug}\ndate: ${date}\ntopics: [Strategy]\ntags: [planning]\n${extra}---\n\nBody of ${slug}.\n`;
const write = (name: string, text: string) => writeFileSync(path.join(dir, "posts", name), text);
const expired = (p: string, since: number) => store.expiredSince([`_N_T_${p}`], since);

beforeEach(() => {
  vi.stubEnv("FOLIO_DISK_CACHE", "0");
  dir = mkdtempSync(path.join(os.tmpdir(), "folio-watch-"));
  mkdirSync(path.join(dir, "posts"));
  write("a.md", post("a"));
  write("b.md", post("b"));
  setTagStore((store = new MemoryTagStore()));
  invalidateContentIndex();
});

afterEach(() => {
  watcher?.stop();
  watcher = undefined;
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("the content watcher", () => {
  it("expires a post's pages, the lists and its topic when its file becomes a draft on disk", async () => {
    watcher = startContentWatcher({ dir, pollMs: 3_600_000, debounceMs: 20 });
    await watcher.scan();
    const since = Date.now() - 1;
    write("a.md", post("a", "draft: true\n"));
    await vi.waitFor(async () => expect(await expired("/blog/a", since)).toBe(true), { timeout: 10_000, interval: 50 });
    for (const p of ["/", "/blog", "/blog/page/3", "/topics/strategy", "/topics/strategy/feed.xml", "/tags/planning", "/feed.xml", "/sitemap.xml", "/blog/b"]) {
      expect(await expired(p, since), p).toBe(true);
    }
    expect(await expired("/topics/other", since)).toBe(false);
  });

  it("notices a deleted post and a changed slug", async () => {
    watcher = startContentWatcher({ dir, pollMs: 3_600_000, debounceMs: 20 });
    await watcher.scan();
    let since = Date.now() - 1;
    unlinkSync(path.join(dir, "posts", "b.md"));
    await vi.waitFor(async () => expect(await expired("/blog/b", since)).toBe(true), { timeout: 10_000, interval: 50 });
    since = Date.now() - 1;
    write("a.md", post("a", "slug: renamed\n"));
    await vi.waitFor(async () => expect(await expired("/blog/a", since)).toBe(true), { timeout: 10_000, interval: 50 });
    expect(await expired("/blog/renamed", since)).toBe(true);
  });

  it("expires a scheduled post's pages when its date comes, with no file change", async () => {
    // Far enough ahead that the first look, however slow the machine, still sees it scheduled; the wait is generous.
    const at = new Date(Date.now() + 8000).toISOString();
    write("c.md", post("c", "", at));
    watcher = startContentWatcher({ dir, pollMs: 3_600_000, debounceMs: 20 });
    await watcher.scan();
    const since = Date.now() - 1;
    expect(await expired("/blog/c", since)).toBe(false);
    await vi.waitFor(async () => expect(await expired("/blog/c", since)).toBe(true), { timeout: 40_000, interval: 100 });
  }, 60_000);

  it("notices a post in a folder made after it started", async () => {
    let looks = 0;
    watcher = startContentWatcher({ dir, pollMs: 3_600_000, debounceMs: 20, onLook: async () => void looks++ });
    await watcher.scan();
    const since = Date.now() - 1;
    const before = looks;
    mkdirSync(path.join(dir, "posts", "2026"));
    // Written after the look the new folder caused (which gave it its own watch), so only that watch can see it.
    await vi.waitFor(() => expect(looks).toBeGreaterThan(before), { timeout: 10_000, interval: 20 });
    write("2026/c.md", post("c"));
    await vi.waitFor(async () => expect(await expired("/blog/c", since)).toBe(true), { timeout: 10_000, interval: 50 });
  });

  it("watches each folder of the content, never a site's build output, dependencies or hidden folders", () => {
    for (const folder of ["posts/2026", "public/posts", "resources/_gen", "node_modules/x", ".git/objects", "static/img"]) mkdirSync(path.join(dir, folder), { recursive: true });
    expect(foldersToWatch(dir).map((folder) => path.relative(dir, folder)).sort()).toEqual(["", "posts", "posts/2026", "static", "static/img"]);
  });

  it("the first look only records; a look with nothing changed expires nothing", async () => {
    watcher = startContentWatcher({ dir, pollMs: 3_600_000, debounceMs: 20 });
    expect(await watcher.scan()).toEqual([]);
    invalidateContentIndex();
    expect(await watcher.scan()).toEqual([]);
    expect(await expired("/", 0)).toBe(false);
  });

  it("expires a translation's page when it becomes a draft (a Hugo site's other language)", async () => {
    const site = path.join(dir, "hugo");
    mkdirSync(path.join(site, "content", "posts"), { recursive: true });
    writeFileSync(path.join(site, "hugo.toml"), '[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n');
    writeFileSync(path.join(site, "content", "posts", "a.md"), post("a"));
    writeFileSync(path.join(site, "content", "posts", "a.fr.md"), post("a-fr"));
    watcher = startContentWatcher({ dir: site, pollMs: 3_600_000, debounceMs: 20 });
    await watcher.scan();
    const since = Date.now() - 1;
    writeFileSync(path.join(site, "content", "posts", "a.fr.md"), post("a-fr", "draft: true\n"));
    // Its page is rendered at /blog/SLUG, the slug made from its URL /fr/posts/a/.
    await vi.waitFor(async () => expect(await expired("/blog/fr-posts-a", since)).toBe(true), { timeout: 10_000, interval: 50 });
  });
});

describe("a request that meets changed content", () => {
  it("waits until the pages the change touched are expired, however late the file-system watch is", async () => {
    // A watch that would report the change only in an hour: only the request's own wait can expire the pages.
    watcher = startContentWatcher({ dir, pollMs: 3_600_000, debounceMs: 3_600_000 });
    const running = watcher;
    onContentChange(() => running.scan());
    await settleContentChange(await loadContentIndex(dir));
    const since = Date.now() - 1;
    write("a.md", post("a", "draft: true\n"));
    invalidateContentIndex();
    const index = await loadContentIndex(dir);
    expect(index.posts.find((p) => p.slug === "a")?.draft).toBe(true);
    await settleContentChange(index);
    for (const p of ["/blog/a", "/", "/blog", "/feed.xml", "/topics/strategy"]) expect(await expired(p, since), p).toBe(true);
  });

  it("waits once per change: an index it has met already costs nothing", async () => {
    const expire = vi.fn(async () => []);
    onContentChange(expire);
    const index = await loadContentIndex(dir);
    await settleContentChange(index);
    await settleContentChange(index);
    await settleContentChange(await loadContentIndex(dir));
    expect(expire).toHaveBeenCalledTimes(1);
  });
});

describe("affectedPaths", () => {
  const base = { slug: "a", title: "A", topics: ["Partner Sales"], tags: ["Q1 Plans"], featured: false };

  it("covers the post, its card, the lists, its terms, feeds, sitemap and search", () => {
    const paths = affectedPaths(base, undefined);
    for (const p of ["/blog/a", "/blog/a/social-card.png", "/", "/blog", "/blog/page/*", "/topics/partner-sales", "/topics/partner-sales/feed.xml", "/tags/q1-plans", "/topics", "/tags", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/search", "/blog/*"]) {
      expect(paths, p).toContain(p);
    }
  });

  it("covers both versions: the old slug and terms, and the new ones", () => {
    const paths = affectedPaths(base, { ...base, slug: "b", topics: ["Other"] });
    for (const p of ["/blog/a", "/blog/b", "/topics/partner-sales", "/topics/other"]) expect(paths).toContain(p);
  });

  it("a change no other post's page shows (Featured) leaves the other post pages alone", () => {
    const paths = affectedPaths(base, { ...base, featured: true });
    expect(paths).toContain("/");
    expect(paths).toContain("/blog/a");
    expect(paths).not.toContain("/blog/*");
  });
});

import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resolveCollisions } from "./collisions";
import { invalidateContentIndex, loadContentIndex, type FileReport } from "./load";
import { formatIssue, parsePostFile, type ContentIssue } from "./parse";
import { isPublic } from "./publish";

// Issue 9, "A draft copy takes a live post off the site": copying a published post as a template (same slug,
// `draft: true`) must never unpublish it; the public owner keeps its slug, the newcomer is reported, and removing
// the copy leaves the owner live.

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
beforeEach(() => invalidateContentIndex());

const live = "---\ntitle: Live\ndescription: d\ndate: 2025-10-22\nslug: the-post\n---\nLive body.\n";
const draftCopy = live.replace("title: Live", "title: Copy").replace("---\nLive", "draft: true\n---\nLive");

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-collide-"));
  temps.push(dir);
  mkdirSync(path.join(dir, "posts"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, "posts", name), text);
  return dir;
}

const NOW = Date.UTC(2026, 0, 1);
const errors = (issues: ContentIssue[]) => issues.filter((i) => i.severity === "error");

describe("slug collisions: the public owner keeps the slug", () => {
  it("a draft copy, even one whose name sorts first, never takes the live post off the site", async () => {
    const dir = site({ "b-live.md": live, "a-draft-copy.md": draftCopy });
    const index = await loadContentIndex(dir, NOW);
    const owner = index.posts.find((p) => p.slug === "the-post");
    expect(owner?.file).toBe("posts/b-live.md");
    expect(isPublic(owner!, NOW)).toBe(true);
    expect(index.issues.filter((i) => i.severity === "error").map(formatIssue)).toEqual([
      "posts/a-draft-copy.md: slug: the slug 'the-post' belongs to posts/b-live.md, which is public; this file is left out until it has its own",
    ]);
  });

  it("removing the copy leaves the owner live, with no error left", async () => {
    const dir = site({ "b-live.md": live, "a-draft-copy.md": draftCopy });
    await loadContentIndex(dir, NOW);
    unlinkSync(path.join(dir, "posts/a-draft-copy.md"));
    invalidateContentIndex();
    const index = await loadContentIndex(dir, NOW);
    expect(index.posts.map((p) => [p.file, p.slug])).toEqual([["posts/b-live.md", "the-post"]]);
    expect(index.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("a public copy added later is the newcomer, whatever its date or name", async () => {
    const dir = site({ "z-original.md": live });
    const old = new Date(Date.UTC(2025, 0, 1));
    utimesSync(path.join(dir, "posts/z-original.md"), old, old);
    await loadContentIndex(dir, NOW);
    // A file's birth time is only as fine as the kernel's clock tick (a few ms): let one pass, as it would between
    // a writer's original and the copy they make of it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(path.join(dir, "posts/a-copy.md"), live.replace("date: 2025-10-22", "date: 2020-01-01"));
    invalidateContentIndex();
    const index = await loadContentIndex(dir, NOW);
    expect(index.posts.map((p) => p.file)).toEqual(["posts/z-original.md"]);
    expect(errors(index.issues).map(formatIssue)).toEqual([
      "posts/a-copy.md: slug: the slug 'the-post' belongs to posts/z-original.md, which is public; this file is left out until it has its own",
    ]);
  });
});

describe("resolveCollisions", () => {
  const report = (file: string, text: string): FileReport => ({ file, ...parsePostFile(file, Buffer.from(text)) });

  it("gives a slug to the public post when the other claimant is scheduled or expired", () => {
    const scheduled = report("posts/a.md", live.replace("date: 2025-10-22", "date: 2030-01-01"));
    const expired = report("posts/b.md", live.replace("---\nLive", "expiryDate: 2025-12-01\n---\nLive"));
    const current = report("posts/c.md", live);
    const out = resolveCollisions([scheduled, expired, current], { now: NOW });
    expect(out.map((r) => Boolean(r.post))).toEqual([false, false, true]);
  });

  it("reports a URL claimed twice (the `url` field), trailing slash or not", () => {
    const a = report("posts/a.md", live.replace("slug: the-post", "url: /same/path/"));
    const b = report("posts/b.md", live.replace("slug: the-post", "slug: other\nurl: /same/path").replace("---\nLive", "draft: true\n---\nLive"));
    const out = resolveCollisions([b, a], { now: NOW });
    expect(out[1]!.post).toBeDefined();
    expect(errors(out[0]!.issues).map(formatIssue)).toEqual([
      "posts/b.md: url: the URL '/same/path' belongs to posts/a.md, which is public; this file is left out until it has its own",
    ]);
  });

  it("keeps the previous owner when both claimants are public and nothing else tells them apart", () => {
    const a = report("posts/a.md", live);
    const b = report("posts/b.md", live);
    const out = resolveCollisions([a, b], { now: NOW, previous: [b.post!] });
    expect(out.map((r) => Boolean(r.post))).toEqual([false, true]);
  });

  it("with nothing contested, hands back the very reports without ordering them (every re-check of the index)", () => {
    const reports = ["a", "b", "c"].map((slug) => report(`posts/${slug}.md`, live.replace("slug: the-post", `slug: ${slug}`)));
    let asked = 0;
    const out = resolveCollisions(reports, { now: NOW, bornAt: () => ++asked });
    expect(out).toBe(reports);
    expect(asked).toBe(0);
  });
});

describe("a slug shared by posts at different URLs (Hugo's dated permalinks)", () => {
  function hugoSite(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "folio-collide-hugo-"));
    temps.push(dir);
    writeFileSync(path.join(dir, "hugo.toml"), 'title = "T"\n[permalinks]\npost = "/:year/:month/:day/:slug/"\n');
    mkdirSync(path.join(dir, "content", "post"), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, "content", "post", name), text);
    return dir;
  }
  const roundup = (date: string) => `---\ntitle: Edge release roundup\ndescription: d\ndate: ${date}\nslug: edge-release-roundup\n---\nBody of ${date}.\n`;

  it("serves each at its own URL: the first keeps the slug, the next gets one made from its URL, with a warning", async () => {
    const dir = hugoSite({ "0312-roundup.md": roundup("2024-03-12"), "0425-roundup.md": roundup("2024-04-25") });
    const index = await loadContentIndex(dir, NOW);
    expect(errors(index.issues)).toEqual([]);
    expect(index.posts.map((p) => [p.path, p.slug]).sort()).toEqual([
      ["/2024/03/12/edge-release-roundup/", "edge-release-roundup"],
      ["/2024/04/25/edge-release-roundup/", "2024-04-25-edge-release-roundup"],
    ]);
    expect(index.issues.filter((i) => i.kind === "collision").map(formatIssue)).toEqual([
      "content/post/0425-roundup.md: slug: the slug 'edge-release-roundup' is also content/post/0312-roundup.md's; this post is served at its own URL, /2024/04/25/edge-release-roundup/, and named '2024-04-25-edge-release-roundup' in the admin",
    ]);
  });

  it("still leaves out a post that would answer at the same URL as another", async () => {
    const dir = hugoSite({ "a.md": roundup("2024-03-12"), "b.md": roundup("2024-03-12").replace("Body", "Other body") });
    const index = await loadContentIndex(dir, NOW);
    expect(index.posts).toHaveLength(1);
    expect(errors(index.issues).map((i) => i.field)).toEqual(["slug", "url"]);
  });

  it("keeps the same index on the next look while nothing changes (renamed and refused posts keep their reports)", async () => {
    const dir = hugoSite({ "0312-roundup.md": roundup("2024-03-12"), "0425-roundup.md": roundup("2024-04-25"), "dup.md": roundup("2024-03-12") });
    const first = await loadContentIndex(dir);
    expect(first.issues.filter((i) => i.kind === "collision").map((i) => i.severity).sort()).toEqual(["error", "error", "warning"]);
    // A look once the first is older than INDEX_MAX_AGE_MS: every file unchanged, so the very same index.
    expect(await loadContentIndex(dir, Date.now() + 60_000)).toBe(first);
  });
});

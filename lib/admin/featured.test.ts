import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { invalidateContentIndex, loadContentIndex } from "@/lib/content";
import { recentChanges } from "./audit";
import { setFeatured } from "./featured";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "folio-write-"));
  await cp(path.resolve("tests/fixtures/site"), path.join(root, "content"), { recursive: true });
  process.env.CONTENT_DIR = path.join(root, "content");
  process.env.DATA_DIR = path.join(root, "data");
  invalidateContentIndex();
});

afterEach(async () => {
  delete process.env.CONTENT_DIR;
  delete process.env.DATA_DIR;
  invalidateContentIndex();
  await rm(root, { recursive: true, force: true });
});

const postPath = (name: string) => path.join(root, "content", "posts", name);

describe("setFeatured", () => {
  it("changes only the featured line, records who did it, and restores the bytes when toggled back", async () => {
    const file = postPath("how-to-win-a-partnership-meeting.md");
    const original = await readFile(file);
    expect(await setFeatured("how-to-win-a-partnership-meeting", true, "m@example.com")).toEqual({ ok: true, changed: true, featured: true });
    const changed = (await readFile(file, "utf8")).split("\n");
    const before = original.toString("utf8").split("\n");
    expect(changed.filter((line, i) => line !== before[i])).toEqual(["featured: true"]);

    expect(await setFeatured("how-to-win-a-partnership-meeting", false, "m@example.com")).toEqual({ ok: true, changed: true, featured: false });
    expect((await readFile(file)).equals(original)).toBe(true);

    const [latest, first] = await recentChanges();
    expect(latest).toMatchObject({ actor: "m@example.com", slug: "how-to-win-a-partnership-meeting", field: "featured", from: true, to: false });
    expect(first).toMatchObject({ from: false, to: true });
    expect(first!.hashAfter).toBe(latest!.hashBefore);
    expect(first!.hashBefore).toBe(latest!.hashAfter);
  });

  it("is a no-op when the value is already set", async () => {
    const before = await readFile(postPath("the-partner-map.md"));
    expect(await setFeatured("the-partner-map", true, "m@example.com")).toEqual({ ok: true, changed: false, featured: true });
    expect((await readFile(postPath("the-partner-map.md"))).equals(before)).toBe(true);
    expect(await recentChanges()).toEqual([]);
  });

  it("refuses an unknown slug, and a file whose front matter turned invalid, changing nothing", async () => {
    expect(await setFeatured("no-such-post", true, "m@example.com")).toMatchObject({ ok: false, status: 404 });

    await loadContentIndex(); // the admin's view of the file, from before the file went bad
    const file = postPath("pricing-a-co-sell-deal.md");
    const broken = (await readFile(file, "utf8")).replace("featured: false", "featured: maybe");
    await writeFile(file, broken);
    const result = await setFeatured("pricing-a-co-sell-deal", true, "m@example.com");
    expect(result.ok).toBe(false);
    expect(await readFile(file, "utf8")).toBe(broken);
  });

  it("leaves every file valid and different by the featured line at most after 50 concurrent toggles across 5 files", async () => {
    const slugs = ["how-to-win-a-partnership-meeting", "the-partner-map", "pricing-a-co-sell-deal", "discovery-calls-that-qualify", "channel-conflict-playbook"];
    const index = await loadContentIndex();
    const files = slugs.map((slug) => path.join(root, "content", index.files.find((r) => r.post?.slug === slug)!.file));
    const originals = await Promise.all(files.map((f) => readFile(f, "utf8")));

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => setFeatured(slugs[i % 5]!, i % 3 === 0, `user${i}@example.com`)),
    );
    expect(results.every((r) => r.ok)).toBe(true);

    invalidateContentIndex();
    const after = await loadContentIndex();
    expect(after.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(after.posts).toHaveLength(6);
    for (const [n, file] of files.entries()) {
      const lines = (await readFile(file, "utf8")).split("\n");
      const before = originals[n]!.split("\n");
      const differing = lines.filter((line, i) => line !== before[i]);
      expect(differing.length).toBeLessThanOrEqual(1);
      for (const line of differing) expect(line).toMatch(/^featured: (true|false)$/);
    }
    expect((await readdir(path.join(root, "content", "posts"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const changes = await recentChanges(100);
    expect(changes.every((c) => c.field === "featured")).toBe(true);
  });
});

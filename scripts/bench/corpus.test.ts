import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePostFile } from "@/lib/content";
import { describePost, postDate, postText, publicPosts, splitSample, writeCorpus } from "./corpus";

const SAMPLE = path.join(__dirname, "..", "..", "tests", "fixtures", "site", "posts", "how-to-win-a-partnership-meeting.md");

describe("the benchmark corpus", () => {
  it("gives every post a distinct title, slug and date", () => {
    const posts = Array.from({ length: 5000 }, (_, i) => describePost(i));
    expect(new Set(posts.map((p) => p.title)).size).toBe(5000);
    expect(new Set(posts.map((p) => p.slug)).size).toBe(5000);
    expect(new Set(posts.map((p) => p.date)).size).toBe(5000);
  });

  it("spreads posts over topics and tags, with a few drafts and scheduled posts", () => {
    const posts = Array.from({ length: 1000 }, (_, i) => describePost(i));
    expect(new Set(posts.flatMap((p) => p.topics)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(posts.flatMap((p) => p.tags)).size).toBeGreaterThanOrEqual(20);
    expect(posts.filter((p) => p.draft)).toHaveLength(20);
    expect(posts.filter((p) => p.scheduled).length).toBeGreaterThan(0);
    expect(publicPosts(posts).every((p) => !p.draft && !p.scheduled)).toBe(true);
  });

  it("writes the author's offset and keeps the instant: post i is 7 hours older than post i - 1", () => {
    expect(postDate(0)).toBe("2025-10-22T07:00:00-05:00");
    expect(postDate(2)).toBe("2025-10-21T22:00:00Z");
    expect(Date.parse(postDate(0)) - Date.parse(postDate(1))).toBe(7 * 3600_000);
  });

  it("lists public posts newest first", () => {
    const listed = publicPosts(Array.from({ length: 100 }, (_, i) => describePost(i)));
    expect(listed.map((p) => Date.parse(p.date))).toEqual(listed.map((p) => Date.parse(p.date)).sort((a, b) => b - a));
  });

  it("writes files the real loader accepts, with their own slugs and the sample's body", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "folio-corpus-"));
    const posts = writeCorpus(dir, 60, SAMPLE);
    expect(readdirSync(path.join(dir, "posts"))).toHaveLength(60);
    const { body } = splitSample(readFileSync(SAMPLE, "utf8"));
    for (const post of posts) {
      const parsed = parsePostFile(post.file, readFileSync(path.join(dir, post.file)));
      expect(parsed.issues).toEqual([]);
      expect(parsed.post).toMatchObject({ slug: post.slug, title: post.title, date: post.date, draft: post.draft, topics: post.topics, tags: post.tags });
      expect(parsed.post!.body).toContain(body.trim().split("\n")[0]);
    }
  });

  it("is the same every time", () => {
    const { body } = splitSample(readFileSync(SAMPLE, "utf8"));
    expect(postText(describePost(42), body)).toBe(postText(describePost(42), body));
    expect(describePost(7)).toEqual(describePost(7));
  });
});

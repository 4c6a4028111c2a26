import { describe, expect, it } from "vitest";
import { parsePostFile } from "./parse";
import { byNewest, byWeight, isPublic, nextTransitionAt, postStatus } from "./publish";

const NOW = Date.UTC(2025, 9, 22, 12, 0, 0);

describe("isPublic and postStatus", () => {
  it.each([
    ["a past post", { draft: false, publishedAt: NOW - 86_400_000 }, true, "published"],
    ["a post dated exactly now", { draft: false, publishedAt: NOW }, true, "published"],
    ["a post dated one millisecond from now", { draft: false, publishedAt: NOW + 1 }, false, "scheduled"],
    ["a post dated in 2099", { draft: false, publishedAt: Date.UTC(2099, 0, 1) }, false, "scheduled"],
    ["a past draft", { draft: true, publishedAt: NOW - 86_400_000 }, false, "draft"],
    ["a future draft", { draft: true, publishedAt: NOW + 86_400_000 }, false, "draft"],
    ["a post that expired a millisecond ago", { draft: false, publishedAt: NOW - 86_400_000, expiresAt: NOW - 1 }, false, "expired"],
    ["a post expiring exactly now", { draft: false, publishedAt: NOW - 86_400_000, expiresAt: NOW }, false, "expired"],
    ["a post expiring tomorrow", { draft: false, publishedAt: NOW - 86_400_000, expiresAt: NOW + 86_400_000 }, true, "published"],
    ["an expired draft", { draft: true, publishedAt: NOW - 86_400_000, expiresAt: NOW - 1 }, false, "draft"],
  ])("%s", (_label, post, expectedPublic, expectedStatus) => {
    expect(isPublic(post, NOW)).toBe(expectedPublic);
    expect(postStatus(post, NOW)).toBe(expectedStatus);
  });

  it("becomes public at the instant the author wrote, offset included", () => {
    const { post } = parsePostFile(
      "posts/scheduled.md",
      Buffer.from("---\ntitle: Scheduled\ndescription: d\ndate: 2025-10-22T23:30:00-05:00\n---\n"),
    );
    const goesLive = Date.UTC(2025, 9, 23, 4, 30);
    expect(postStatus(post!, goesLive - 1)).toBe("scheduled");
    expect(postStatus(post!, goesLive)).toBe("published");
  });

  it("defaults now to the current time", () => {
    expect(isPublic({ draft: false, publishedAt: Date.now() - 1000 })).toBe(true);
    expect(isPublic({ draft: false, publishedAt: Date.now() + 60_000 })).toBe(false);
    expect(postStatus({ draft: false, publishedAt: Date.now() + 60_000 })).toBe("scheduled");
  });
});

describe("byNewest", () => {
  it("orders by instant, newest first, then by slug", () => {
    const posts = [
      { slug: "old", publishedAt: Date.UTC(2024, 0, 1) },
      { slug: "b-same", publishedAt: Date.UTC(2025, 5, 1) },
      { slug: "newest", publishedAt: Date.UTC(2025, 9, 22) },
      { slug: "a-same", publishedAt: Date.UTC(2025, 5, 1) },
    ];
    expect([...posts].sort(byNewest).map((p) => p.slug)).toEqual(["newest", "a-same", "b-same", "old"]);
  });
});

describe("nextTransitionAt", () => {
  it("is the soonest future publish or expiry date of a post that is not a draft", () => {
    const posts = [
      { draft: false, publishedAt: NOW - 10 },
      { draft: false, publishedAt: NOW - 10, expiresAt: NOW + 500 },
      { draft: false, publishedAt: NOW + 300 },
      { draft: true, publishedAt: NOW + 100 },
      { draft: false, publishedAt: NOW - 10, expiresAt: NOW - 5 },
    ];
    expect(nextTransitionAt(posts, NOW)).toBe(NOW + 300);
    expect(nextTransitionAt(posts, NOW + 300)).toBe(NOW + 500);
    expect(nextTransitionAt(posts, NOW + 500)).toBeUndefined();
  });
});

describe("byWeight", () => {
  it("puts weighted posts first, lower first, then unweighted (0 counts as none), each tie newest first", () => {
    const post = (slug: string, weight: number | undefined, publishedAt: number) => ({ slug, weight, publishedAt });
    const posts = [post("a", undefined, 5), post("b", 2, 1), post("c", 0, 9), post("d", 1, 0), post("e", 2, 3), post("f", -1, 0)];
    expect(posts.sort(byWeight).map((p) => p.slug)).toEqual(["f", "d", "e", "b", "c", "a"]);
  });
});

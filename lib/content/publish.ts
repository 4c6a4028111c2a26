import type { Post } from "./schema";

export type PostStatus = "published" | "draft" | "scheduled" | "expired";

type Timed = Pick<Post, "draft" | "publishedAt"> & { expiresAt?: number; hiddenBy?: string };

/**
 * The one rule for "public now" (Hugo's, without buildDrafts/buildFuture/buildExpired): not a draft, nothing else
 * keeps Hugo from building it (`hiddenBy`: build options, a draft section, a cascade), its publish
 * date has come, and its expiry date (expiryDate / unpublishdate), if any, has not. Every public output (pages,
 * static params, feeds, sitemap, search, social cards) goes through it.
 */
export function isPublic(post: Timed, now: number = Date.now()): boolean {
  return !post.draft && post.hiddenBy === undefined && post.publishedAt <= now && !(post.expiresAt !== undefined && post.expiresAt <= now);
}

/** Where a post stands for an editor: published, a draft, scheduled for a later date, or expired. */
export function postStatus(post: Timed, now: number = Date.now()): PostStatus {
  // A page Hugo would not build (its build options, a draft section above it) is not published: a draft to editors.
  if (post.draft || post.hiddenBy !== undefined) return "draft";
  if (post.expiresAt !== undefined && post.expiresAt <= now) return "expired";
  return post.publishedAt <= now ? "published" : "scheduled";
}

/**
 * The next instant after `now` at which a post enters or leaves the public set (a scheduled post's publish date,
 * a public post's expiry), or undefined when none will: the cache's watcher sets its timer on it.
 */
export function nextTransitionAt(posts: readonly Timed[], now: number = Date.now()): number | undefined {
  let next: number | undefined;
  for (const post of posts) {
    if (post.draft || post.hiddenBy !== undefined) continue;
    for (const at of [post.publishedAt, post.expiresAt]) {
      if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}

/** Newest first by the instant each post was dated, then by slug so the order is stable. */
export function byNewest(a: Pick<Post, "publishedAt" | "slug">, b: Pick<Post, "publishedAt" | "slug">): number {
  return b.publishedAt - a.publishedAt || a.slug.localeCompare(b.slug);
}

/**
 * Hugo's order for weighted lists: a positive or negative weight first, lower first; no weight (or 0) after them;
 * then newest first. The home page's Featured region and the admin's Featured order both use it.
 */
export function byWeight(a: Pick<Post, "weight" | "publishedAt" | "slug">, b: Pick<Post, "weight" | "publishedAt" | "slug">): number {
  const wa = a.weight || Number.POSITIVE_INFINITY;
  const wb = b.weight || Number.POSITIVE_INFINITY;
  if (wa !== wb) return wa < wb ? -1 : 1;
  return byNewest(a, b);
}

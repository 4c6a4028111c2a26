import "server-only";
import { termSlug, type Post } from "@/lib/content/shared";
import { pathTags, tagStore } from "./tag-store.mjs";

/**
 * lib/cache: expiring Folio's public pages from anywhere in the server process. Next.js's revalidatePath only works
 * inside a request; these write to the cache handler's own tag store (lib/cache/next-cache-handler.mjs), shared
 * through globalThis, so a server action, a route handler and the content watcher (no request at all) can all
 * expire pages. The next request for an expired page renders it afresh (blocking: never the old copy).
 */

/** Expires Next.js cache tags (`_N_T_/blog/a`; a tag ending in `*` is a prefix) now. */
export async function expireTags(tags: readonly string[]): Promise<void> {
  if (tags.length > 0) await tagStore().expire(tags, Date.now());
}

/** Expires public paths now (`/blog/a`, `/`); a path ending in `/*` expires every path below it. */
export async function expirePaths(paths: readonly string[]): Promise<void> {
  await expireTags([...new Set(paths.flatMap(pathTags))]);
}

/** The fields of a post that pages other than its own show (cards, related posts, older/newer links). */
const LISTED: readonly (keyof Post)[] = ["slug", "title", "description", "date", "publishedAt", "readingMinutes", "topics", "tags", "draft"];

/** What affectedPaths reads of a post. */
export type PostPaths = Pick<Post, "slug" | "topics" | "tags"> & Partial<Post>;

/** A post's own public paths: its page and its social card. */
export function postPaths(post: Pick<Post, "slug">): string[] {
  return [`/blog/${post.slug}`, `/blog/${post.slug}/social-card.png`];
}

/**
 * Every public path a change to a post touches, for the version before and after it (either may be absent: a post
 * created, deleted, or entering or leaving the public set): its page and card, the home page, /blog and all its
 * pages, its topics' and tags' pages and feeds, the topic and tag indexes, the site feeds, the sitemap and search.
 * When anything another post's page shows of it changed (title, date, topics…), every post page too: their related
 * and older/newer links may name it.
 */
export function affectedPaths(before?: PostPaths, after?: PostPaths): string[] {
  const paths = new Set(["/", "/blog", "/blog/page/*", "/topics", "/tags", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/search"]);
  for (const post of [before, after]) {
    if (!post) continue;
    for (const path of postPaths(post)) paths.add(path);
    for (const topic of post.topics) paths.add(`/topics/${termSlug(topic)}`).add(`/topics/${termSlug(topic)}/feed.xml`);
    for (const tag of post.tags) paths.add(`/tags/${termSlug(tag)}`);
  }
  const listedChanged = !before || !after || LISTED.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  if (listedChanged) paths.add("/blog/*");
  return [...paths];
}

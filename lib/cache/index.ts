import "server-only";
import { termSlug, type Post } from "@/lib/content/shared";
import { logRedisProblem } from "@/lib/redis/connection.mjs";
import { announceChange, waitForAcknowledgements } from "./broadcast";
import { nginxRefresher } from "./nginx-refresh";
import { pathTags, tagStore } from "./tag-store.mjs";

/**
 * lib/cache: expiring Folio's public pages from anywhere in the server process. Next.js's revalidatePath only works
 * inside a request; these write to the cache handler's own tag store (lib/cache/next-cache-handler.mjs), shared
 * through globalThis (and on Redis when REDIS_URL is set, so every instance's copy expires), so a server action, a
 * route handler and the content watcher (no request at all) can all expire pages. The next request for an expired
 * page renders it afresh (blocking: never the old copy).
 */

/** How long a change waits for the other instances to drop their content index before nginx is asked to refresh. */
export const ACKNOWLEDGE_WAIT_MS = 500;

/** Expires Next.js cache tags (`_N_T_/blog/a`; a tag ending in `*` is a prefix) now. */
export async function expireTags(tags: readonly string[]): Promise<void> {
  if (tags.length > 0) await tagStore().expire(tags, Date.now());
}

type ChangeListener = () => unknown;
const LISTENER_KEY = Symbol.for("folio.cache.local-change");

/** Registers what should run after the app changed content itself (the content watcher takes a quiet look). */
export function onLocalChange(listener: ChangeListener): void {
  (globalThis as Record<symbol, ChangeListener | undefined>)[LISTENER_KEY] = listener;
}

/**
 * Publishes a content change that touched `paths` (`/blog/a`, `/`; a path ending in `/*` is every path below it):
 * expires them now, on every instance when they share Redis. With `announce` (a change this instance made or saw
 * first), also tells the other instances to drop their content index (Redis pub/sub) and then, once they have (or
 * after ACKNOWLEDGE_WAIT_MS), asks each configured nginx to refresh its copies, in the background.
 */
export async function publishChange(paths: readonly string[], options: { announce: boolean }): Promise<void> {
  await expireTags([...new Set(paths.flatMap(pathTags))]);
  if (!options.announce) return;
  const announcement = await announceChange(paths);
  const refresher = nginxRefresher();
  if (!refresher) return;
  void (async () => {
    if (announcement) await waitForAcknowledgements(announcement, ACKNOWLEDGE_WAIT_MS);
    await refresher.refresh(paths);
  })().catch((error: unknown) => logRedisProblem("refreshing nginx", error));
}

/**
 * Expires public paths now (`/blog/a`, `/`; a path ending in `/*` expires every path below it) on every instance,
 * and has nginx refresh them: what the admin calls after each write.
 */
export async function expirePaths(paths: readonly string[]): Promise<void> {
  await publishChange(paths, { announce: true });
  // The watcher will see this write on disk too: a quiet look now, so it does not announce the same change again.
  (globalThis as Record<symbol, ChangeListener | undefined>)[LISTENER_KEY]?.();
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

import "server-only";
import { getPublishedPosts } from "./posts";
import type { Post } from "./schema";

/** How many of the newest public posts `next build` prerenders when FOLIO_PRERENDER_POSTS is not set. */
export const DEFAULT_PRERENDER_POSTS = 50;

/**
 * The number of newest posts to prerender: FOLIO_PRERENDER_POSTS when it is a whole number (0 prerenders none),
 * else the default. Older posts are rendered on their first request and then cached like the prerendered ones.
 */
export function prerenderLimit(value: string | undefined = process.env.FOLIO_PRERENDER_POSTS): number {
  if (value === undefined || value.trim() === "") return DEFAULT_PRERENDER_POSTS;
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new Error(`FOLIO_PRERENDER_POSTS must be a whole number of posts (0 or more), not '${value}'`);
  }
  return limit;
}

/**
 * The posts `generateStaticParams` returns: the newest public ones, up to prerenderLimit(). Build time grows with
 * this number, not with the size of the archive; drafts and scheduled posts are never among them.
 */
export async function getPostsToPrerender(): Promise<Post[]> {
  return (await getPublishedPosts()).slice(0, prerenderLimit());
}

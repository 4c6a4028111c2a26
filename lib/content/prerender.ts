import "server-only";
import { readEnv } from "@/lib/config/env";
import { getPublishedPosts } from "./posts";
import type { Post } from "./schema";

/**
 * The number of newest posts to prerender: FOLIO_PRERENDER_POSTS when it is a whole number (0 prerenders none),
 * else DEFAULT_PRERENDER_POSTS. Older posts are rendered on their first request and then cached like the
 * prerendered ones.
 */
export function prerenderLimit(): number {
  return readEnv("FOLIO_PRERENDER_POSTS");
}

/**
 * The posts `generateStaticParams` returns: the newest public ones, up to prerenderLimit(). Build time grows with
 * this number, not with the size of the archive; drafts and scheduled posts are never among them.
 */
export async function getPostsToPrerender(): Promise<Post[]> {
  return (await getPublishedPosts()).slice(0, prerenderLimit());
}

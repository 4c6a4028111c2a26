import "server-only";
import { affectedPaths, expirePaths } from "@/lib/cache";
import type { Post } from "@/lib/content";

/**
 * Expires exactly the public pages a post change touches (lib/cache's affectedPaths: the post before and after,
 * home, /blog, its topic and tag pages, feeds, sitemap, search), through the cache handler's own tag store. Unlike
 * revalidatePath it needs no request, and it never makes a server action re-render the admin page into its answer.
 */
export async function expireAfterWrite(before: Post | undefined, after: Post | undefined): Promise<void> {
  await expirePaths(affectedPaths(before, after));
}

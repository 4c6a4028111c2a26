import "server-only";
import { revalidatePath } from "next/cache";
import { termSlug, type Post } from "@/lib/content";
import { postPath } from "./post-files";

/**
 * The public pages a post change touches: its URL before and after, home, the blog list, its topic and tag pages
 * and their feeds, the site feeds and the sitemap. Used after every admin write.
 */
export function pagesAffectedBy(before: Post | undefined, after: Post | undefined): string[] {
  const paths = new Set(["/", "/blog", "/topics", "/tags", "/feed.xml", "/feed.json", "/atom.xml", "/sitemap.xml"]);
  for (const post of [before, after]) {
    if (!post) continue;
    paths.add(postPath(post.slug));
    for (const topic of post.topics) {
      paths.add(`/topics/${termSlug(topic)}`);
      paths.add(`/topics/${termSlug(topic)}/feed.xml`);
    }
    for (const tag of post.tags) paths.add(`/tags/${termSlug(tag)}`);
  }
  return [...paths];
}

/** Expires the cached pages a post change affects, so the next request renders them fresh. */
export function expireAfterWrite(before: Post | undefined, after: Post | undefined): void {
  for (const path of pagesAffectedBy(before, after)) revalidatePath(path);
  // Older pages of the paginated blog list shift by one when a post enters or leaves it.
  revalidatePath("/blog/page/[page]", "page");
}

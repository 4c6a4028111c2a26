import type { Post } from "./schema";

/** A post's (or page's) link, percent-encoded: `/blog/my-post`, or its Hugo URL on a Hugo site (`/urls/caf%C3%A9/`). */
export function postHref(post: Pick<Post, "path">): string {
  return encodeURI(post.path);
}

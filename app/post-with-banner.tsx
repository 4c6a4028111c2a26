import "server-only";
import type { ReactNode } from "react";
import { mdxComponents } from "@/components/mdx";
import { PostView } from "@/components/post-view";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getAdjacentPosts, getRelatedPosts, renderPost, type Post } from "@/lib/content";

type Props = { post: Post; banner: ReactNode };

/**
 * A post rendered exactly as its public page renders it (same pipeline, components, related and adjacent posts),
 * under a banner that says what it is: a preview, an earlier version, a shared draft.
 */
export async function PostWithBanner({ post, banner }: Props) {
  const [rendered, related, adjacent] = await Promise.all([renderPost(post, mdxComponents), getRelatedPosts(post), getAdjacentPosts(post)]);
  return (
    <>
      <p className="preview-banner" role="status">
        {banner}
      </p>
      <SiteHeader />
      <main id="main" className="wrap main">
        <PostView post={post} rendered={rendered} related={related} adjacent={adjacent} />
      </main>
      <SiteFooter />
    </>
  );
}

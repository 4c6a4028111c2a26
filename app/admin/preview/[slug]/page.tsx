import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { mdxComponents } from "@/components/mdx";
import { PostView } from "@/components/post-view";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { requireRole } from "@/lib/auth/request";
import { getAdjacentPosts, getPostForPreview, getRelatedPosts, isValidSlug, renderPost } from "@/lib/content";

export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false } };

type Props = { params: Promise<{ slug: string }> };

/** A draft or scheduled post exactly as it will publish, for editors and admins. */
export default async function PreviewPage({ params }: Props) {
  const { slug } = await params;
  await requireRole("preview", `/admin/preview/${isValidSlug(slug) ? slug : ""}`);
  const post = isValidSlug(slug) ? await getPostForPreview(slug) : null;
  if (!post) notFound();
  const [rendered, related, adjacent] = await Promise.all([renderPost(post, mdxComponents), getRelatedPosts(post), getAdjacentPosts(post)]);
  return (
    <>
      <p className="preview-banner" role="status">
        Preview: not published. <a href="/admin">Back to the dashboard</a>
      </p>
      <SiteHeader />
      <main id="main" className="wrap main">
        <PostView post={post} rendered={rendered} related={related} adjacent={adjacent} />
      </main>
      <SiteFooter />
    </>
  );
}

import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { isPublic } from "@/lib/content";
import { getSharedPost } from "@/lib/share/shared-post";
import { PostWithBanner } from "@/app/post-with-banner";

// Read per request, never cached: a revoked link must show nothing on the very next request. next.config.ts sends
// Cache-Control: private, no-store, X-Robots-Tag: noindex and Referrer-Policy: no-referrer with it.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Shared draft", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/** An unpublished post exactly as it will publish, for whoever holds a live share link; a published one redirects. */
export default async function SharePage({ params }: Props) {
  const post = await getSharedPost((await params).token);
  if (!post) notFound();
  if (isPublic(post)) redirect(post.path);
  return <PostWithBanner post={post} banner="Unpublished: a draft shared for review. It is not on the site yet; please do not pass this link on." />;
}

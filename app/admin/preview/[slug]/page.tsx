import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/request";
import { getPostForPreview, isValidSlug } from "@/lib/content";
import { PostWithBanner } from "@/app/post-with-banner";

export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false } };

type Props = { params: Promise<{ slug: string }> };

/** A draft or scheduled post exactly as it will publish, for editors and admins. */
export default async function PreviewPage({ params }: Props) {
  const { slug } = await params;
  await requireRole("preview", `/admin/preview/${isValidSlug(slug) ? slug : ""}`);
  const post = isValidSlug(slug) ? await getPostForPreview(slug) : null;
  if (!post) notFound();
  return (
    <PostWithBanner
      post={post}
      banner={
        <>
          Preview: not published. <a href="/admin">Back to the dashboard</a>
        </>
      }
    />
  );
}

import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { readBlob } from "@/lib/admin/history/blobs";
import { freshIndex, parseForSite } from "@/lib/admin/post-files";
import { getPostHistory, isVersionOf } from "@/lib/admin/history/timeline";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { isValidSlug } from "@/lib/content";
import { PostWithBanner } from "@/app/post-with-banner";

export const metadata: Metadata = { title: "Earlier version", robots: { index: false, follow: false } };

type Props = { params: Promise<{ slug: string; version: string }> };

/** An earlier version of a post, rendered exactly as the post page renders it, for those who may edit the post. */
export default async function VersionPage({ params }: Props) {
  const { slug, version } = await params;
  const session = await requireRole("write", `/admin/posts/${isValidSlug(slug) ? slug : ""}/history`);
  const history = isValidSlug(slug) && /^[0-9a-f]{64}$/.test(version) ? await getPostHistory(slug) : null;
  if (!history || !isVersionOf(history, version)) notFound();
  if (!can(session.role, "publish") && !(history.draft && !history.trashed)) forbidden();
  const bytes = await readBlob(version);
  const post = bytes ? parseForSite(await freshIndex(), history.file, bytes).post : undefined;
  if (!post) notFound();
  return (
    <PostWithBanner
      post={post}
      banner={
        <>
          An earlier version of this post, not what is on the site now. <a href={`/admin/posts/${slug}/history`}>Back to the history</a>
        </>
      }
    />
  );
}

import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { EditorPage } from "@/components/admin/editor-page";
import { PostEditor } from "@/components/admin/post-editor";
import { ShareLinks } from "@/components/admin/share-links";
import { valuesOf } from "@/lib/admin/editor-fields";
import { openPost } from "@/lib/admin/post-files";
import { getKnownTerms } from "@/lib/admin/terms";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { isPublic, isValidSlug, postStatus } from "@/lib/content";
import { shareLinksOf } from "@/lib/share/manage";
import { deletePostAction, previewPostAction, savePostAction } from "../actions";
import { renderPreview } from "../render-preview";
import { shareLinkAction } from "./actions";

export const metadata: Metadata = { title: "Edit post" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE: Record<string, { kind: "saved" | "error"; text: string }> = {
  create: { kind: "saved", text: "Created as a draft." },
  publish: { kind: "saved", text: "Published." },
  schedule: { kind: "saved", text: "Scheduled." },
  renamed: { kind: "saved", text: "Saved. The slug changed: the old URL redirects here." },
  "delete-conflict": { kind: "error", text: "Not deleted: the file changed on disk since you opened it. Here is the new version." },
  "delete-refused": { kind: "error", text: "Not deleted: your role may not delete posts." },
  "delete-failed": { kind: "error", text: "Not deleted: the post could not be moved to the trash. The server log says why." },
};

/** The editor for one post. A writer may open drafts only; anything public is an editor's. */
export default async function EditPostPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const session = await requireRole("write", `/admin/posts/${isValidSlug(slug) ? slug : ""}`);
  const opened = isValidSlug(slug) ? await openPost(slug) : null;
  if (!opened) notFound();
  if (!opened.post.draft && !can(session.role, "publish")) forbidden();
  const done = (await searchParams).done;
  const mayShare = can(session.role, "publish") && !isPublic(opened.post);
  const [suggestions, preview, shareLinks] = await Promise.all([getKnownTerms(), renderPreview(opened.post), mayShare ? shareLinksOf(slug) : []]);
  const initial = {
    values: valuesOf(opened.post),
    baseHash: opened.hash,
    slug: opened.post.slug,
    status: postStatus(opened.post),
    hiddenBy: opened.post.hiddenBy,
    errors: {},
    notice: typeof done === "string" ? DONE[done] : undefined,
    savedCount: 0,
  };
  return (
    <EditorPage heading={`Edit “${opened.post.title}”`}>
      <PostEditor
        key={opened.post.slug}
        initial={initial}
        action={savePostAction}
        preview={previewPostAction}
        initialPreview={preview}
        rights={{ publish: can(session.role, "publish"), feature: can(session.role, "feature") }}
        suggestions={suggestions}
        deleteAction={can(session.role, "publish") ? deletePostAction : undefined}
        clearBackupOf={done === "create" || done === "publish" || done === "schedule" ? "new" : undefined}
      />
      <p className="admin-section">
        <a href={`/admin/posts/${opened.post.slug}/history`}>History: every change, and earlier versions to restore</a>
      </p>
      {mayShare && <ShareLinks slug={opened.post.slug} links={shareLinks} action={shareLinkAction} />}
    </EditorPage>
  );
}

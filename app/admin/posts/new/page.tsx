import type { Metadata } from "next";
import { EditorPage } from "@/components/admin/editor-page";
import { PostEditor } from "@/components/admin/post-editor";
import { EditorPreview } from "@/components/admin/editor-preview";
import { nowInZone } from "@/lib/admin/now";
import { getKnownTerms } from "@/lib/admin/terms";
import { can } from "@/lib/auth/config";
import { getSite } from "@/lib/content";
import { requireRole } from "@/lib/auth/request";
import { previewPostAction, savePostAction } from "../actions";

export const metadata: Metadata = { title: "New post" };

/** The editor for a post not yet written: the date starts at now, in the site's time zone. */
export default async function NewPostPage() {
  const session = await requireRole("write", "/admin/posts/new");
  const [suggestions, site] = await Promise.all([getKnownTerms(), getSite()]);
  const initial = {
    values: { title: "", description: "", date: nowInZone(site.timeZone), slug: "", topics: "", tags: "", cta: false, featured: false, body: "" },
    baseHash: null,
    slug: null,
    status: "new" as const,
    errors: {},
    savedCount: 0,
  };
  return (
    <EditorPage heading="New post">
      <PostEditor
        initial={initial}
        action={savePostAction}
        preview={previewPostAction}
        initialPreview={<EditorPreview error="start typing, and the post appears here as it will publish." />}
        rights={{ publish: can(session.role, "publish"), feature: can(session.role, "feature") }}
        suggestions={suggestions}
      />
    </EditorPage>
  );
}

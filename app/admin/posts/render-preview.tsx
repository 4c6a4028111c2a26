import "server-only";
import { EditorPreview } from "@/components/admin/editor-preview";
import { mdxComponents } from "@/components/mdx";
import { PostView } from "@/components/post-view";
import { getAdjacentPosts, getRelatedPosts, renderPost, type Post } from "@/lib/content";

/** A post as the public post page renders it (same pipeline, components, CTA and typography), for the editor. */
export async function renderPreview(post: Post, skipped: string[] = []) {
  const [rendered, related, adjacent] = await Promise.all([renderPost(post, mdxComponents), getRelatedPosts(post), getAdjacentPosts(post)]);
  return (
    <EditorPreview skipped={skipped}>
      <div className="editor__preview-post">
        <PostView post={post} rendered={rendered} related={related} adjacent={adjacent} />
      </div>
    </EditorPreview>
  );
}

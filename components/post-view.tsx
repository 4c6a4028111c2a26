import { postAuthors } from "@/lib/config/site";
import { postHref, typographer, type Post, type RenderedPost } from "@/lib/content/shared";
import { Cta } from "./cta";
import { PostList } from "./post-list";
import { PostMeta } from "./post-meta";
import { TermLinks } from "./term-links";
import { Toc } from "./toc";

type Props = {
  post: Post;
  rendered: RenderedPost;
  related: Post[];
  adjacent: { older?: Post; newer?: Post };
  /** `rtl` for a language written right to left. */
  dir?: "rtl";
};

/** A whole post as readers see it; the draft preview renders this same component. */
export function PostView({ post, rendered, related, adjacent, dir }: Props) {
  return (
    <article className="post" lang={post.lang} dir={dir}>
      <header className="post__header">
        <h1 className="post__title">{typographer(post.title)}</h1>
        {post.description && <p className="post__description">{typographer(post.description)}</p>}
        <PostMeta post={post} authors={postAuthors(post)} />
        <TermLinks kind="topics" names={post.topics} label="Topics" />
      </header>
      <Toc headings={rendered.headings} readingMinutes={post.readingMinutes} />
      {"html" in rendered ? (
        <div className="prose" dangerouslySetInnerHTML={{ __html: rendered.html }} />
      ) : (
        <div className="prose">{rendered.content}</div>
      )}
      {post.cta && <Cta />}
      <footer className="post__footer">
        <TermLinks kind="tags" names={post.tags} label="Tags" />
        {related.length > 0 && (
          <section aria-labelledby="related-heading" className="related">
            <h2 id="related-heading">Related</h2>
            <PostList posts={related} headingLevel={3} />
          </section>
        )}
        <nav className="adjacent" aria-label="More posts">
          {adjacent.newer && (
            <a href={postHref(adjacent.newer)} rel="next">
              <span>Newer</span> {typographer(adjacent.newer.title)}
            </a>
          )}
          {adjacent.older && (
            <a href={postHref(adjacent.older)} rel="prev">
              <span>Older</span> {typographer(adjacent.older.title)}
            </a>
          )}
        </nav>
      </footer>
    </article>
  );
}

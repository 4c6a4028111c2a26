import { postHref, postSummary, typographer, type Post } from "@/lib/content/shared";
import { PostMeta } from "./post-meta";

type Props = { post: Post; headingLevel?: 2 | 3 };

/** One post in a list: its title as a link, date, reading time and summary (see postSummary). */
export function PostCard({ post, headingLevel = 2 }: Props) {
  const Heading = `h${headingLevel}` as const;
  const summary = postSummary(post);
  return (
    <article className="post-card">
      <Heading className="post-card__title">
        <a href={postHref(post)}>{typographer(post.title)}</a>
      </Heading>
      <PostMeta post={post} />
      {summary && <p className="post-card__description">{typographer(summary)}</p>}
    </article>
  );
}

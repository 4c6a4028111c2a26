import { dateTimeAttribute, formatPostDate, type Post } from "@/lib/content/shared";

type Props = { post: Pick<Post, "date" | "lastmod" | "readingMinutes">; showReadingTime?: boolean };

/** The author's date (as written, in a `<time>`), "Updated" when there is a lastmod, and the reading time. */
export function PostMeta({ post, showReadingTime = true }: Props) {
  return (
    <p className="post-meta">
      <time dateTime={dateTimeAttribute(post.date)}>{formatPostDate(post.date)}</time>
      {post.lastmod && (
        <>
          {" · Updated "}
          <time dateTime={dateTimeAttribute(post.lastmod)}>{formatPostDate(post.lastmod)}</time>
        </>
      )}
      {showReadingTime && <> · {post.readingMinutes} min read</>}
    </p>
  );
}

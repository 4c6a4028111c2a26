import { dateTimeAttribute, formatPostDate, type Post } from "@/lib/content/shared";

type Props = {
  post: Pick<Post, "date" | "lastmod" | "readingMinutes">;
  showReadingTime?: boolean;
  /** The byline's names (a post's page shows them; lists leave them out). */
  authors?: readonly string[];
};

/** "By …" when given authors, the author's date (as written, in a `<time>`), "Updated" when there is a lastmod, and the reading time. */
export function PostMeta({ post, showReadingTime = true, authors }: Props) {
  return (
    <p className="post-meta">
      {authors && authors.length > 0 && (
        <>
          By <span className="post-meta__author">{new Intl.ListFormat("en", { type: "conjunction" }).format(authors)}</span>
          {" · "}
        </>
      )}
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

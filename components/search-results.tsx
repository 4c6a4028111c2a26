import type { SearchResult, Segment } from "@/lib/search/search";
import { postHref } from "@/lib/content/shared";
import { PostMeta } from "./post-meta";

type Props = { results: SearchResult[] };

/** Search results, best first: each title and snippet with its matches in `<mark>`. */
export function SearchResults({ results }: Props) {
  return (
    <ol className="post-list search-results" role="list">
      {results.map(({ post, title, snippet }) => (
        <li key={post.slug}>
          <article className="post-card">
            <h2 className="post-card__title">
              <a href={postHref(post)}>
                <Highlighted segments={title} />
              </a>
            </h2>
            <PostMeta post={post} />
            <p className="post-card__description">
              <Highlighted segments={snippet} />
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}

/** Text with its matches marked. Every run is a text child, so React escapes it: nothing in it is read as HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return <>{segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text))}</>;
}

import { termTitle, type Post, type Term, type TermKind } from "@/lib/content/shared";
import { site } from "@/lib/config/site";
import { FeedLink } from "./feed-link";
import { PostList } from "./post-list";

type Props = { kind: TermKind; term: Term; posts: Post[] };

/** One topic or tag: its name, its public posts, and for a topic, a link to its own RSS feed. */
export function TermPage({ kind, term, posts }: Props) {
  return (
    <>
      <p className="eyebrow">
        <a href={`/${kind}`}>{site.terms[kind].many}</a>
      </p>
      <h1>{termTitle(term.name)}</h1>
      <PostList posts={posts} />
      {kind === "topics" ? <FeedLink href={`/topics/${term.slug}/feed.xml`} label={`RSS feed for ${termTitle(term.name)}`} /> : <FeedLink />}
    </>
  );
}

import { termTitle, type Post, type Term, type TermKind } from "@/lib/content/shared";
import type { Page } from "@/lib/http/paginate";
import { site } from "@/lib/config/site";
import { FeedLink } from "./feed-link";
import { Pagination } from "./pagination";
import { PostList } from "./post-list";

type Props = { kind: TermKind; term: Term; page: Page<Post> };

/** One page of a topic or tag: its name, its public posts, and for a topic, a link to its own RSS feed. */
export function TermPage({ kind, term, page }: Props) {
  const posts = page.items;
  const base = `/${kind}/${term.slug}`;
  return (
    <>
      <p className="eyebrow">
        <a href={`/${kind}`}>{site.terms[kind].many}</a>
      </p>
      <h1>{termTitle(term.name)}</h1>
      <PostList posts={posts} />
      <Pagination page={page.page} pages={page.pages} hrefFor={(n) => (n === 1 ? base : `${base}/page/${n}`)} />
      {kind === "topics" ? <FeedLink href={`/topics/${term.slug}/feed.xml`} label={`RSS feed for ${termTitle(term.name)}`} /> : <FeedLink />}
    </>
  );
}

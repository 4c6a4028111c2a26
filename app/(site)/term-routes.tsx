import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostList } from "@/components/post-list";
import { getPostsWithTerm, getTerms } from "@/lib/content";
import { feedAlternates, pageMetadata } from "@/lib/seo/metadata";

type Kind = "topics" | "tags";
type Props = { params: Promise<{ term: string }> };

const NAMES = { topics: { one: "Topic", many: "Topics" }, tags: { one: "Tag", many: "Tags" } } as const;

/** The route exports for /topics/TERM and /tags/TERM: one implementation, two URL spaces. */
export function termRoute(kind: Kind) {
  async function find(slug: string) {
    const term = (await getTerms(kind)).find((t) => t.slug === slug);
    return term ? { term, posts: await getPostsWithTerm(kind, slug) } : null;
  }
  return {
    async generateStaticParams() {
      return (await getTerms(kind)).map((term) => ({ term: term.slug }));
    },
    async generateMetadata({ params }: Props): Promise<Metadata> {
      const found = await find((await params).term);
      if (!found) return {};
      const { term } = found;
      const description = `${term.count} ${term.count === 1 ? "essay" : "essays"} on ${term.name}.`;
      const metadata = pageMetadata({ title: `${NAMES[kind].one}: ${term.name}`, description, path: `/${kind}/${term.slug}` });
      if (kind !== "topics") return metadata;
      const feed = { url: `/topics/${term.slug}/feed.xml`, title: `${term.name} (RSS)` };
      const types = { ...feedAlternates, "application/rss+xml": [...(feedAlternates["application/rss+xml"] ?? []), feed] };
      return { ...metadata, alternates: { ...metadata.alternates, types } };
    },
    async Page({ params }: Props) {
      const found = await find((await params).term);
      if (!found) notFound();
      return (
        <>
          <p className="eyebrow">
            <a href={`/${kind}`}>{NAMES[kind].many}</a>
          </p>
          <h1>{kind === "tags" ? `#${found.term.name}` : found.term.name}</h1>
          <PostList posts={found.posts} />
          {kind === "topics" && (
            <p className="term-feed">
              <a href={`/topics/${found.term.slug}/feed.xml`}>RSS feed for {found.term.name}</a>
            </p>
          )}
        </>
      );
    },
  };
}

/** The route exports for /topics and /tags: every term with its number of posts. */
export function termIndexRoute(kind: Kind) {
  return {
    metadata: pageMetadata({ title: NAMES[kind].many, path: `/${kind}` }),
    async Page() {
      const terms = await getTerms(kind);
      return (
        <>
          <h1>{NAMES[kind].many}</h1>
          {terms.length === 0 ? (
            <p className="empty">Nothing here yet.</p>
          ) : (
            <ul className="term-index">
              {terms.map((term) => (
                <li key={term.slug}>
                  <a href={`/${kind}/${term.slug}`}>{kind === "tags" ? `#${term.name}` : term.name}</a>{" "}
                  <span className="term-index__count">
                    {term.count} {term.count === 1 ? "essay" : "essays"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      );
    },
  };
}

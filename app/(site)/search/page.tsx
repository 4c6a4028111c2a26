import type { Metadata } from "next";
import { SearchForm } from "@/components/search-form";
import { SearchResults } from "@/components/search-results";
import { pageMetadata } from "@/lib/seo/metadata";
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseQuery, searchPosts, type SearchQuery } from "@/lib/search/search";

// Rendered for each request (it reads the query), and kept out of search engines' indexes.
type Props = { searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { text } = parseQuery((await searchParams).q);
  const base = pageMetadata({ title: text ? `Search: ${text}` : "Search", description: "Search every published essay.", path: "/search" });
  return { ...base, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const query = parseQuery((await searchParams).q);
  const results = await searchPosts(query);
  return (
    <>
      <h1>Search</h1>
      <SearchForm id="search-page-query" label="Refine" query={query.text} />
      {query.truncated && (
        <p className="search-note">
          A search uses its first {MAX_QUERY_LENGTH} characters and {MAX_QUERY_TERMS} words; yours was shortened.
        </p>
      )}
      <p className="search-summary">{summary(query, results.length)}</p>
      {results.length > 0 && <SearchResults results={results} />}
    </>
  );
}

function summary(query: SearchQuery, count: number): string {
  if (!query.text) return "Type a word or two to search every published essay.";
  if (query.terms.length === 0) return `Nothing to search for in “${query.text}”: try words of two letters or more.`;
  if (count === 0) return `No essays match “${query.text}”.`;
  return `${count} ${count === 1 ? "essay matches" : "essays match"} “${query.text}”.`;
}

import { SiteHeader } from "@/components/site-header";
import { parseQuery } from "@/lib/search/search";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

/** On the results page the header's search box keeps the search. */
export default async function SearchHeader({ searchParams }: Props) {
  return <SiteHeader query={parseQuery((await searchParams).q).text} />;
}

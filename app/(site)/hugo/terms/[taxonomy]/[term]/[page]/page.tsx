import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListingPage } from "@/components/listing-page";
import { getTermListing } from "@/lib/content";
import { parsePageNumber } from "@/lib/http/paginate";
import { pageMetadata } from "@/lib/seo/metadata";

// A Hugo taxonomy term (`/categories/go/`, `/tags/go/page/2/`), reached only through proxy.ts's rewrite of its
// URL; rendered on first request and cached.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ taxonomy: string; term: string; page: string }> };

async function listingOf(params: Props["params"]) {
  const { taxonomy, term, page } = await params;
  const number = parsePageNumber(page);
  return Number.isNaN(number) ? null : getTermListing(taxonomy, term, number);
}

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await listingOf(params);
  if (!listing) return {};
  const title = listing.page === 1 ? listing.name : `${listing.name}, page ${listing.page}`;
  return pageMetadata({ title, description: `${listing.posts.length === 1 ? "One post" : "Posts"} on ${listing.name}.`, path: listing.path });
}

export default async function TermPage({ params }: Props) {
  const { taxonomy } = await params;
  const listing = await listingOf(params);
  if (!listing) notFound();
  const eyebrow = { href: `/${taxonomy}/`, label: taxonomy.charAt(0).toUpperCase() + taxonomy.slice(1) };
  return <ListingPage eyebrow={eyebrow} title={listing.name} posts={listing.posts} page={listing.page} pages={listing.pages} hrefFor={(n) => encodeURI(listing.pathOf(n))} />;
}

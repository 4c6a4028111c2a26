import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListingPage } from "@/components/listing-page";
import { getSectionListing, getSectionsToPrerender } from "@/lib/content";
import { parsePageNumber } from "@/lib/http/paginate";
import { pageMetadata } from "@/lib/seo/metadata";

// A Hugo section's list (`/post/`, `/post/page/2/`), reached only through proxy.ts's rewrite of its URL. The first
// page of each main section is prerendered; further pages render on first request.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ page: string; dir: string[] }> };

async function listingOf(params: Props["params"]) {
  const { page, dir } = await params;
  const number = parsePageNumber(page);
  return Number.isNaN(number) ? null : getSectionListing(dir.join("/"), number);
}

export async function generateStaticParams() {
  return (await getSectionsToPrerender()).map((dir) => ({ page: "1", dir: dir.split("/") }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await listingOf(params);
  if (!listing) return {};
  const title = listing.page === 1 ? listing.title : `${listing.title}, page ${listing.page}`;
  return pageMetadata({ title, description: listing.section.description, path: listing.path });
}

export default async function SectionPage({ params }: Props) {
  const listing = await listingOf(params);
  if (!listing) notFound();
  return <ListingPage title={listing.title} posts={listing.posts} page={listing.page} pages={listing.pages} hrefFor={(n) => encodeURI(listing.pathOf(n))} />;
}

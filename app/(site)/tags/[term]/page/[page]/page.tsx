import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { TermPage } from "@/components/term-page";
import { getPostsWithTerm, getTerm } from "@/lib/content";
import { paginate, parsePageNumber } from "@/lib/http/paginate";
import { termMetadata } from "@/lib/seo/metadata";

// Further pages of a tag's list, rendered on their first request and cached (nothing is prerendered).
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ term: string; page: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { term: slug, page } = await params;
  const term = await getTerm("tags", slug);
  return term ? { ...termMetadata("tags", term), title: `${term.name}, page ${parsePageNumber(page)}` } : {};
}

export default async function TagPageListPage({ params }: Props) {
  const { term: slug, page: segment } = await params;
  const number = parsePageNumber(segment);
  if (number === 1) redirect(`/tags/${slug}`);
  const term = await getTerm("tags", slug);
  const page = term ? paginate(await getPostsWithTerm("tags", term.slug), number) : null;
  if (!term || !page) notFound();
  return <TermPage kind="tags" term={term} page={page} />;
}

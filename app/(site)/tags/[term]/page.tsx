import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TermPage } from "@/components/term-page";
import { getPostsWithTerm, getTerm, getTermsToPrerender } from "@/lib/content";
import { paginate } from "@/lib/http/paginate";
import { termMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ term: string }> };

export const revalidate = 60;

export async function generateStaticParams() {
  // The most used only: the rest render on their first request (lib/content/prerender.ts).
  return (await getTermsToPrerender("tags")).map((term) => ({ term: term.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const term = await getTerm("tags", (await params).term);
  return term ? termMetadata("tags", term) : {};
}

export default async function TagPage({ params }: Props) {
  const term = await getTerm("tags", (await params).term);
  if (!term) notFound();
  // A long list is paged like /blog: page 1 here, the rest at /tags/TERM/page/N.
  return <TermPage kind="tags" term={term} page={paginate(await getPostsWithTerm("tags", term.slug), 1)!} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TermPage } from "@/components/term-page";
import { getPostsWithTerm, getTerm, getTerms } from "@/lib/content";
import { termMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ term: string }> };

export const revalidate = 60;

export async function generateStaticParams() {
  return (await getTerms("tags")).map((term) => ({ term: term.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const term = await getTerm("tags", (await params).term);
  return term ? termMetadata("tags", term) : {};
}

export default async function TagPage({ params }: Props) {
  const term = await getTerm("tags", (await params).term);
  if (!term) notFound();
  return <TermPage kind="tags" term={term} posts={await getPostsWithTerm("tags", term.slug)} />;
}

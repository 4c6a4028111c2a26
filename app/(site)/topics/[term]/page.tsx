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
  return (await getTermsToPrerender("topics")).map((term) => ({ term: term.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const term = await getTerm("topics", (await params).term);
  return term ? termMetadata("topics", term) : {};
}

export default async function TopicPage({ params }: Props) {
  const term = await getTerm("topics", (await params).term);
  if (!term) notFound();
  // A long list is paged like /blog: page 1 here, the rest at /topics/TERM/page/N.
  return <TermPage kind="topics" term={term} page={paginate(await getPostsWithTerm("topics", term.slug), 1)!} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaxonomyIndex } from "@/components/taxonomy-index";
import { getTaxonomy } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";

// A Hugo site's taxonomy (`/categories/`), reached only through proxy.ts's rewrite of its URL.
export const revalidate = 60;

type Props = { params: Promise<{ taxonomy: string }> };

const titleOf = (plural: string) => plural.charAt(0).toUpperCase() + plural.slice(1);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { taxonomy } = await params;
  return pageMetadata({ title: titleOf(taxonomy), path: `/${taxonomy}/` });
}

export default async function TaxonomyPage({ params }: Props) {
  const taxonomy = await getTaxonomy((await params).taxonomy);
  if (!taxonomy) notFound();
  return <TaxonomyIndex title={titleOf(taxonomy.plural)} terms={taxonomy.terms} />;
}

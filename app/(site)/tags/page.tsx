import { TermIndex } from "@/components/term-index";
import { site } from "@/lib/config/site";
import { getTerms } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";

export const revalidate = 60;
export const metadata = pageMetadata({ title: site.terms.tags.many, path: "/tags" });

export default async function TagsPage() {
  return <TermIndex kind="tags" terms={await getTerms("tags")} />;
}

import { TermIndex } from "@/components/term-index";
import { site } from "@/lib/config/site";
import { getTerms } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";

export const revalidate = 60;
export const metadata = pageMetadata({ title: site.terms.topics.many, path: "/topics" });

export default async function TopicsPage() {
  return <TermIndex kind="topics" terms={await getTerms("topics")} />;
}

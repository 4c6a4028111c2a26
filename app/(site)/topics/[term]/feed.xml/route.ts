import { mdxComponents } from "@/components/mdx";
import { getTerms } from "@/lib/content";
import { topicFeedResponse } from "@/lib/feeds/feeds";

// RSS 2.0 of one topic's public posts; a topic that no public post has answers 404.
export const revalidate = 60;

type Context = { params: Promise<{ term: string }> };

export async function generateStaticParams() {
  return (await getTerms("topics")).map((term) => ({ term: term.slug }));
}

export async function GET(_request: Request, { params }: Context) {
  return topicFeedResponse((await params).term, mdxComponents);
}

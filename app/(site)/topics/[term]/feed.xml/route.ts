import { mdxComponents } from "@/components/mdx";
import { getTermsToPrerender } from "@/lib/content";
import { topicFeedResponse } from "@/lib/feeds/feeds";

// RSS 2.0 of one topic's public posts; a topic that no public post has answers 404.
export const revalidate = 60;

type Context = { params: Promise<{ term: string }> };

export async function generateStaticParams() {
  // The most used only: the rest render on their first request (lib/content/prerender.ts).
  return (await getTermsToPrerender("topics")).map((term) => ({ term: term.slug }));
}

export async function GET(_request: Request, { params }: Context) {
  return topicFeedResponse((await params).term, mdxComponents);
}

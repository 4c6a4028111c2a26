import { mdxComponents } from "@/components/mdx";
import { siteFeedResponse } from "@/lib/feeds/feeds";

// Atom of every public post. Static like the pages, and re-generated at most a minute apart.
export const revalidate = 60;

export function GET() {
  return siteFeedResponse("atom", mdxComponents);
}

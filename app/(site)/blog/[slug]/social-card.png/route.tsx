import { SocialCard } from "@/components/social-card";
import { getPost, getPostsToPrerender, typographer } from "@/lib/content";
import { drawableText, socialCardResponse } from "@/lib/seo/social-card";
import { postAuthors, site } from "@/lib/config/site";

// A post's social card, named by its page's og:image and twitter:image. Static like the post, and a draft or
// scheduled slug answers 404 as the page does.
export const revalidate = 60;

type Context = { params: Promise<{ slug: string }> };

// The same newest posts as the pages themselves; older cards are drawn on first request and cached.
export async function generateStaticParams() {
  return (await getPostsToPrerender()).map((post) => ({ slug: post.slug }));
}

export async function GET(_request: Request, { params }: Context) {
  const post = await getPost((await params).slug);
  if (!post) return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const topic = post.topics[0];
  return socialCardResponse(
    <SocialCard
      title={drawableText(typographer(post.title))}
      description={drawableText(typographer(post.description))}
      eyebrow={topic && drawableText(topic)}
      siteName={site.name}
      byline={postAuthors(post).join(", ")}
    />,
  );
}

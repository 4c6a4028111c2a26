import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/json-ld";
import { mdxComponents } from "@/components/mdx";
import { PostView } from "@/components/post-view";
import { getAdjacentPosts, getPost, getPostsToPrerender, getRelatedPosts, getTextDirection, getTranslations, renderPost } from "@/lib/content";
import { postJsonLd, postMetadata } from "@/lib/seo/metadata";

// The newest public posts are prerendered; any other public post (older, or public since the build) is rendered on
// its first request and cached like them. A draft or scheduled slug answers 404 either way.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return (await getPostsToPrerender()).map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await getPost((await params).slug);
  return post ? postMetadata(post, await getTranslations(post)) : {};
}

export default async function PostPage({ params }: Props) {
  const post = await getPost((await params).slug);
  if (!post) notFound();
  const [rendered, related, adjacent, dir] = await Promise.all([
    renderPost(post, mdxComponents),
    getRelatedPosts(post),
    getAdjacentPosts(post),
    getTextDirection(post),
  ]);
  return (
    <>
      <JsonLd data={postJsonLd(post)} />
      <PostView post={post} rendered={rendered} related={related} adjacent={adjacent} dir={dir} />
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/json-ld";
import { mdxComponents } from "@/components/mdx";
import { PostView } from "@/components/post-view";
import { getAdjacentPosts, getPost, getPublishedPosts, getRelatedPosts } from "@/lib/content/posts";
import { renderPost } from "@/lib/content/render";
import { postJsonLd, postMetadata } from "@/lib/metadata";

// Every public post is prerendered; a post that becomes public later is rendered on its first request and cached.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return (await getPublishedPosts()).map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await getPost((await params).slug);
  return post ? postMetadata(post) : {};
}

export default async function PostPage({ params }: Props) {
  const post = await getPost((await params).slug);
  if (!post) notFound();
  const [rendered, related, adjacent] = await Promise.all([
    renderPost(post, mdxComponents),
    getRelatedPosts(post),
    getAdjacentPosts(post),
  ]);
  return (
    <>
      <JsonLd data={postJsonLd(post)} />
      <PostView post={post} rendered={rendered} related={related} adjacent={adjacent} />
    </>
  );
}

import { notFound, redirect } from "next/navigation";
import { BlogPage } from "@/components/blog-page";
import { getPublishedPosts, listPagesToPrerender } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";
import { paginate, parsePageNumber } from "@/lib/http/paginate";
import { site } from "@/lib/config/site";

export const revalidate = 60;

type Props = { params: Promise<{ page: string }> };

export async function generateStaticParams() {
  // The first few only: further pages render on their first request (lib/content/prerender.ts).
  const pages = Math.ceil((await getPublishedPosts()).length / site.postsPerPage);
  return listPagesToPrerender(pages).map((page) => ({ page: String(page) }));
}

export async function generateMetadata({ params }: Props) {
  const { page } = await params;
  return pageMetadata({ title: `Writing, page ${parsePageNumber(page)}`, path: `/blog/page/${page}` });
}

export default async function BlogListPage({ params }: Props) {
  const number = parsePageNumber((await params).page);
  if (number === 1) redirect("/blog");
  const page = paginate(await getPublishedPosts(), number);
  if (!page) notFound();
  return <BlogPage page={page} />;
}

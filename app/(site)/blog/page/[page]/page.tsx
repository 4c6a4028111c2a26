import { notFound, redirect } from "next/navigation";
import { BlogPage } from "@/components/blog-page";
import { getPublishedPosts } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";
import { paginate, parsePageNumber } from "@/lib/http/paginate";
import { site } from "@/lib/config/site";

export const revalidate = 60;

type Props = { params: Promise<{ page: string }> };

export async function generateStaticParams() {
  const pages = Math.ceil((await getPublishedPosts()).length / site.postsPerPage);
  return Array.from({ length: Math.max(0, pages - 1) }, (_, i) => ({ page: String(i + 2) }));
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

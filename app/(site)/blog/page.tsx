import { BlogPage } from "@/components/blog-page";
import { getPublishedPosts } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";
import { paginate } from "@/lib/http/paginate";

export const revalidate = 60;
export const metadata = pageMetadata({ title: "Writing", path: "/blog" });

export default async function BlogIndexPage() {
  const page = paginate(await getPublishedPosts(), 1)!;
  return <BlogPage page={page} />;
}

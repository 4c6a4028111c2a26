import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { mdxComponents } from "@/components/mdx";
import { PageView } from "@/components/page-view";
import { getSitePage, getTextDirection, getTopLevelPages, getTranslations, postSummary, renderPost } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";

// A Hugo site's page that is not a post (about.md), reached only through proxy.ts's rewrite of its own URL.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ path: string[] }> };

const pathOf = async (params: Props["params"]) => `/${(await params).path.join("/")}`;

export async function generateStaticParams() {
  return (await getTopLevelPages()).map((page) => ({ path: page.path.split("/").filter(Boolean) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await getSitePage(await pathOf(params));
  return page ? pageMetadata({ title: page.title, description: postSummary(page) || undefined, path: page.path, versions: await getTranslations(page) }) : {};
}

export default async function SitePage({ params }: Props) {
  const page = await getSitePage(await pathOf(params));
  if (!page) notFound();
  const [rendered, dir] = await Promise.all([renderPost(page, mdxComponents), getTextDirection(page)]);
  return <PageView page={page} rendered={rendered} dir={dir} />;
}

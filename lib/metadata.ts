import type { Metadata } from "next";
import type { Post } from "./content/schema";
import { absoluteUrl, site } from "./site";

type PageInput = { title?: string; description?: string; path: string };

/** Metadata for a list or index page: title, description, canonical URL, Open Graph and Twitter tags. */
export function pageMetadata({ title, description = site.description, path }: PageInput): Metadata {
  const url = absoluteUrl(path);
  return {
    ...(title ? { title } : {}),
    description,
    alternates: { canonical: url },
    openGraph: { type: "website", url, siteName: site.name, title: title ?? site.name, description, locale: site.locale },
    twitter: { card: "summary_large_image", title: title ?? site.name, description },
  };
}

/** Metadata for a post: as a page, plus article times, topics and tags. */
export function postMetadata(post: Post): Metadata {
  const base = pageMetadata({ title: post.title, description: post.description || site.description, path: `/blog/${post.slug}` });
  return {
    ...base,
    authors: [{ name: site.author.name }],
    keywords: [...post.topics, ...post.tags],
    openGraph: {
      ...base.openGraph,
      type: "article",
      publishedTime: post.date,
      modifiedTime: post.lastmod ?? post.date,
      authors: [site.author.name],
      section: post.topics[0],
      tags: [...post.topics, ...post.tags],
    },
  };
}

/** JSON-LD BlogPosting for a post. */
export function postJsonLd(post: Post): Record<string, unknown> {
  const url = absoluteUrl(`/blog/${post.slug}`);
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: post.title,
    description: post.description || undefined,
    datePublished: post.date,
    dateModified: post.lastmod ?? post.date,
    author: { "@type": "Person", name: site.author.name },
    publisher: { "@type": "Organization", name: site.name, url: absoluteUrl("/") },
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    keywords: [...post.topics, ...post.tags].join(", ") || undefined,
    inLanguage: site.language,
  };
}

import "server-only";
import type { MetadataRoute } from "next";
import { getPostsWithTerm, getPublishedPosts, getSite, getSiteAddresses, getTerms, latestDate, postHref, toRfc3339, type Post } from "@/lib/content";
import { paginate } from "@/lib/http/paginate";
import { absoluteUrl } from "@/lib/config/site";

type Entry = MetadataRoute.Sitemap[number];

/** One address with the latest change among the posts it shows (a post's lastmod, else its date). */
function entry(path: string, posts: readonly Post[]): Entry {
  const latest = latestDate(posts.map((post) => post.lastmod ?? post.date));
  return { url: absoluteUrl(path), ...(latest ? { lastModified: toRfc3339(latest) } : {}) };
}

/**
 * Every public address: home, the blog and its further pages, the topic and tag indexes, each topic and tag,
 * and each public post. Drafts and scheduled posts are in none of it (they come from getPublishedPosts).
 */
export async function getSitemap(): Promise<MetadataRoute.Sitemap> {
  const posts = await getPublishedPosts();
  const blogPages: Entry[] = [];
  for (let page = paginate(posts, 1); page; page = paginate(posts, page.page + 1)) {
    blogPages.push(entry(page.page === 1 ? "/blog" : `/blog/page/${page.page}`, page.items));
  }
  const termPages = async (kind: "topics" | "tags") =>
    Promise.all((await getTerms(kind)).map(async (term) => entry(`/${kind}/${term.slug}`, await getPostsWithTerm(kind, term.slug))));
  const postPages = posts.map((post) => entry(postHref(post), [post]));
  // A Hugo site lists its own pages, section lists and taxonomy terms, at the URLs Hugo gave them, in place of
  // Folio's topic and tag pages.
  if ((await getSite()).kind === "hugo") {
    return [entry("/", posts), ...blogPages, ...postPages, ...(await getSiteAddresses()).map((address) => entry(encodeURI(address.path), address.posts))];
  }
  return [
    entry("/", posts),
    ...blogPages,
    entry("/topics", posts),
    ...(await termPages("topics")),
    entry("/tags", posts),
    ...(await termPages("tags")),
    ...postPages,
  ];
}

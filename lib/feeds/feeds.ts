import "server-only";
import { Feed, type Category, type Item } from "feed";
import { getPostsWithTerm, getPublishedPosts, getTerm, instantOf, latestDate, postHref, postSummary, termSlug, termTitle, toRfc3339, typographer, type MdxComponents, type Post } from "@/lib/content";
import { FEEDS, postSocialImageUrl } from "@/lib/seo/metadata";
import { getPostHtml } from "./post-html";
import { absoluteUrl, postAuthors, site } from "@/lib/config/site";

/** `rss` (RSS 2.0, /feed.xml), `atom` (Atom 1.0, /atom.xml) or `json` (JSON Feed 1.1, /feed.json). */
export type FeedFormat = keyof typeof FEEDS;

/** What a feed is about: its title and description, the page it stands for and its own address. */
export type Channel = { title: string; description: string; path: string; feedPath: string };

/** A public post with its body as standalone HTML. */
export type FeedEntry = { post: Post; html: string };

function siteChannel(format: FeedFormat): Channel {
  return { title: site.name, description: site.description, path: "/", feedPath: FEEDS[format].path };
}

/** The response for /feed.xml, /atom.xml or /feed.json: the newest `site.feedLimit` public posts, newest first. */
export async function siteFeedResponse(format: FeedFormat, components: MdxComponents): Promise<Response> {
  const entries = await feedEntries((await getPublishedPosts()).slice(0, site.feedLimit), components);
  return feedResponse(format, renderFeed(format, siteChannel(format), entries));
}

/** The response for /topics/TOPIC/feed.xml (RSS): the topic's public posts, or 404 for a topic no public post has. */
export async function topicFeedResponse(slug: string, components: MdxComponents): Promise<Response> {
  const topic = await getTerm("topics", slug);
  if (!topic) return new Response("No such topic.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const channel: Channel = {
    title: `${site.name}: ${termTitle(topic.name)}`,
    description: `Essays on ${termTitle(topic.name)} from ${site.name}.`,
    path: `/topics/${topic.slug}`,
    feedPath: `/topics/${topic.slug}/feed.xml`,
  };
  const entries = await feedEntries((await getPostsWithTerm("topics", slug)).slice(0, site.feedLimit), components);
  return feedResponse("rss", renderFeed("rss", channel, entries));
}

function feedResponse(format: FeedFormat, body: string): Response {
  return new Response(body, { headers: { "Content-Type": `${FEEDS[format].type}; charset=utf-8` } });
}

async function feedEntries(posts: Post[], components: MdxComponents): Promise<FeedEntry[]> {
  return Promise.all(posts.map(async (post) => ({ post, html: await getPostHtml(post, components) })));
}

/** A feed document in one format, for entries already newest first. */
export function renderFeed(format: FeedFormat, channel: Channel, entries: FeedEntry[]): string {
  if (format === "json") return jsonFeed(channel, entries);
  const feed = new Feed({
    id: absoluteUrl(channel.path),
    title: xmlText(channel.title),
    description: xmlText(channel.description),
    link: absoluteUrl(channel.path),
    language: site.language,
    updated: new AuthorDate(latestDate(entries.map(({ post }) => post.lastmod ?? post.date)) ?? "1970-01-01"),
    generator: site.name,
    feedLinks: { [format]: absoluteUrl(channel.feedPath) },
    author: { name: xmlText(site.author.name), link: absoluteUrl("/") },
  });
  const items = entries.map((entry) => feedItem(entry, format));
  for (const item of items) feed.addItem(item);
  const xml = format === "rss" ? feed.rss2() : feed.atom1();
  return splitEveryCdataEnd(xml, items.flatMap((item) => [item.title, item.description ?? "", item.content ?? ""]));
}

const CDATA_END = "]]>";
const SPLIT = "]]]]><![CDATA[>";

/**
 * feed 6 writes titles, summaries and bodies as CDATA through xml-js, which splits only the first "]]>" of each
 * (String.replace with a string); a second one would end the section, and the rest of the post would be read as
 * XML. For each value with more than one, the section xml-js wrote is replaced by one split at every "]]>".
 */
function splitEveryCdataEnd(xml: string, values: string[]): string {
  let fixed = xml;
  for (const value of new Set(values)) {
    if (value.split(CDATA_END).length <= 2) continue;
    const written = `<![CDATA[${value.replace(CDATA_END, SPLIT)}]]>`;
    fixed = fixed.split(written).join(`<![CDATA[${value.split(CDATA_END).join(SPLIT)}]]>`);
  }
  return fixed;
}

function feedItem({ post, html }: FeedEntry, format: "rss" | "atom"): Item {
  const url = absoluteUrl(postHref(post));
  const title = typographer(post.title);
  const summary = postSummary(post);
  return {
    // Atom marks titles and summaries as HTML, so their text is escaped; RSS titles are plain text.
    title: xmlText(format === "atom" ? escapeHtml(title) : title),
    link: url,
    date: new AuthorDate(post.lastmod ?? post.date),
    published: new AuthorDate(post.date),
    description: summary ? xmlText(escapeHtml(typographer(summary))) : undefined,
    content: xmlText(html),
    category: post.topics.map((name) => topicCategory(name, format)),
    // RSS's own <author> wants an email address; Dublin Core's creator is the usual home for a name.
    extensions: format === "rss" ? [{ name: "dc:creator", objects: { _text: xmlText(postAuthors(post).join(", ")) } }] : undefined,
  };
}

function topicCategory(name: string, format: "rss" | "atom"): Category {
  const slug = termSlug(name);
  if (format === "rss") return { name: xmlText(name), domain: absoluteUrl(`/topics/${slug}`) };
  // Atom's label comes from `name`; feed 6 writes attributes without escaping "<", so it is left out of it.
  return { term: slug, name: xmlText(name).replace(/</g, ""), scheme: absoluteUrl("/topics/") };
}

/** JSON Feed 1.1, written directly: feed 6 writes version 1 and turns every date into UTC. */
function jsonFeed(channel: Channel, entries: FeedEntry[]): string {
  const author = { name: site.author.name, url: absoluteUrl("/") };
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: absoluteUrl(channel.path),
    feed_url: absoluteUrl(channel.feedPath),
    description: channel.description,
    language: site.language,
    authors: [author],
    items: entries.map(jsonFeedItem),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function jsonFeedItem({ post, html }: FeedEntry): Record<string, unknown> {
  const summary = postSummary(post);
  return {
    id: absoluteUrl(postHref(post)),
    url: absoluteUrl(postHref(post)),
    title: typographer(post.title),
    ...(summary ? { summary: typographer(summary) } : {}),
    content_html: html,
    image: postSocialImageUrl(post),
    date_published: toRfc3339(post.date),
    ...(post.lastmod ? { date_modified: toRfc3339(post.lastmod) } : {}),
    authors: postAuthors(post).map((name) => ({ name })),
    ...(post.topics.length > 0 ? { tags: post.topics } : {}),
  };
}

/**
 * A post's date for feed 6, which prints item dates with toISOString() (Atom) and toUTCString() (RSS).
 * toISOString() here gives the author's RFC 3339 string with its offset, the same instant; RSS stays in GMT.
 */
class AuthorDate extends Date {
  readonly #rfc3339: string;
  constructor(iso: string) {
    super(instantOf(iso));
    this.#rfc3339 = toRfc3339(iso);
  }
  override toISOString(): string {
    return this.#rfc3339;
  }
}

/**
 * Text safe for XML 1.0: control characters other than tab, newline and carriage return are not allowed there, nor
 * are U+FFFE, U+FFFF, or half of a surrogate pair (a lone surrogate, which no UTF-8 can carry).
 */
function xmlText(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

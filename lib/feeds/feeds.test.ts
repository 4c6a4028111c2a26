import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { mdxComponents } from "@/components/mdx";
import { invalidateContentIndex, parsePostFile, type Post } from "@/lib/content";
import { renderFeed, siteFeedResponse, topicFeedResponse, type Channel } from "./feeds";

const SAMPLE_SITE = path.join(__dirname, "../../tests/fixtures/site");
const SITE = "https://folio.example";
// The sample site's public posts, newest first; a draft and a 2099 post ship beside them.
const PUBLIC = ["pricing-a-co-sell-deal", "discovery-calls-that-qualify", "how-to-win-a-partnership-meeting", "the-partner-map"];
const UNPUBLISHED = ["channel-conflict-playbook", "the-annual-partnership-plan"];
const postUrl = (slug: string) => `${SITE}/blog/${slug}`;

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const saved = { CONTENT_DIR: process.env.CONTENT_DIR, SITE_URL: process.env.SITE_URL };
beforeEach(() => {
  process.env.CONTENT_DIR = SAMPLE_SITE;
  process.env.SITE_URL = SITE;
  invalidateContentIndex();
});
afterEach(() => Object.assign(process.env, saved));

async function body(response: Response | Promise<Response>) {
  const res = await response;
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("the site feeds, from the sample content", () => {
  it("RSS 2.0 parses and lists exactly the public posts, newest first, with typographic HTML bodies", async () => {
    const { type, text } = await body(siteFeedResponse("rss", mdxComponents));
    expect(type).toBe("application/rss+xml; charset=utf-8");
    const feed = parseFeed(text);
    expect(feed.meta.type).toBe("rss");
    expect(feed.items.map((item) => item.url)).toEqual(PUBLIC.map(postUrl));
    for (const slug of UNPUBLISHED) expect(text).not.toContain(slug);

    const sample = feed.items.find((item) => item.url === postUrl("how-to-win-a-partnership-meeting"))!;
    expect(sample.content).toContain("pitches—on both sides of the table");
    expect(sample.categories.map((c) => c.term ?? c.label)).toEqual(["partnerships", "strategy"]);
    expect(sample.published?.toISOString()).toBe("2025-10-22T17:19:01.000Z");
    expect(text).toContain("<pubDate>Wed, 22 Oct 2025 17:19:01 GMT</pubDate>");
    expect(text).toContain(`<atom:link href="${SITE}/feed.xml" rel="self"`);
  });

  it("Atom parses, lists the same posts and keeps each date's offset", async () => {
    const { type, text } = await body(siteFeedResponse("atom", mdxComponents));
    expect(type).toBe("application/atom+xml; charset=utf-8");
    const feed = parseFeed(text);
    expect(feed.meta.type).toBe("atom");
    expect(feed.items.map((item) => item.url)).toEqual(PUBLIC.map(postUrl));
    expect(text).toContain("<published>2025-10-22T23:30:00-05:00</published>");
    // The newest change in the feed: the co-sell post's lastmod.
    expect(text).toContain("<updated>2025-11-10T16:45:00+01:00</updated>");
    expect(feed.items[0]!.categories.map((c) => c.term)).toEqual(["sales", "partnerships"]);
  });

  it("JSON Feed 1.1 has the author's RFC 3339 dates, topics as tags and the MDX body as HTML", async () => {
    const { type, text } = await body(siteFeedResponse("json", mdxComponents));
    expect(type).toBe("application/feed+json; charset=utf-8");
    const feed = JSON.parse(text);
    expect(feed).toMatchObject({ version: "https://jsonfeed.org/version/1.1", home_page_url: `${SITE}/`, feed_url: `${SITE}/feed.json` });
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual(PUBLIC.map(postUrl));
    const [pricing, discovery] = feed.items;
    expect(pricing).toMatchObject({ date_published: "2025-11-03T10:00:00+01:00", date_modified: "2025-11-10T16:45:00+01:00", tags: ["sales", "partnerships"] });
    expect(discovery.date_published).toBe("2025-10-22T23:30:00-05:00");
    expect(discovery.content_html).toContain('<aside class="callout callout--tip" aria-label="Before the call">');
    expect(discovery.content_html).toContain("If you can’t name it before the call");
    expect(discovery.image).toBe(`${SITE}/blog/discovery-calls-that-qualify/social-card.png`);
  });

  it("bodies have absolute links and no heading anchors", async () => {
    const feed = JSON.parse((await body(siteFeedResponse("json", mdxComponents))).text);
    for (const item of feed.items) {
      expect(item.content_html).not.toMatch(/(href|src)="(?!https?:|mailto:)/);
      expect(item.content_html).not.toContain("heading-anchor");
    }
  });
});

describe("per-topic RSS", () => {
  it("lists the topic's public posts only", async () => {
    const { status, text } = await body(topicFeedResponse("partnerships", mdxComponents));
    expect(status).toBe(200);
    const feed = parseFeed(text);
    expect(feed.title).toBe("Folio: Partnerships");
    expect(feed.url).toBe(`${SITE}/topics/partnerships`);
    expect(feed.items.map((item) => item.url)).toEqual(["pricing-a-co-sell-deal", "how-to-win-a-partnership-meeting", "the-partner-map"].map(postUrl));
  });

  it("answers 404 for an unknown topic, and for a topic only a draft has", async () => {
    expect((await topicFeedResponse("no-such-topic", mdxComponents)).status).toBe(404);
    const dir = mkdtempSync(path.join(os.tmpdir(), "folio-feeds-"));
    temps.push(dir);
    mkdirSync(path.join(dir, "posts"));
    const post = (name: string, extra: string) => `---\ntitle: ${name}\ndate: 2025-01-01\ntopics: [${name}]\n${extra}---\nBody.\n`;
    writeFileSync(path.join(dir, "posts/open.md"), post("open", ""));
    writeFileSync(path.join(dir, "posts/secret.md"), post("secret", "draft: true\n"));
    process.env.CONTENT_DIR = dir;
    invalidateContentIndex();
    expect((await topicFeedResponse("open", mdxComponents)).status).toBe(200);
    expect((await topicFeedResponse("secret", mdxComponents)).status).toBe(404);
  });
});

describe("renderFeed: text that could break a feed", () => {
  const channel: Channel = { title: "T & <b>", description: "d", path: "/", feedPath: "/feed.xml" };
  const awkward = parsePostFile(
    "posts/awkward.md",
    Buffer.from('---\ntitle: "Ampersands & <angle> brackets ]]> \\u0001 end"\ndescription: "Say <b>hi</b> & go"\ndate: 2025-10-22\ntopics: ["R&D <lab>"]\n---\nx\n'),
  ).post as Post;
  const entry = { post: awkward, html: "<p>a ]]> b &amp; c</p>" };

  it.each(["rss", "atom"] as const)("%s stays parseable and keeps the words", (format) => {
    const xml = renderFeed(format, channel, [entry]);
    expect(xml).not.toContain("\u0001");
    // "]]>" would end a CDATA section: it is split across two.
    expect(xml).toContain("<![CDATA[<p>a ]]]]><![CDATA[> b &amp; c</p>]]>");
    // Descriptions are plain text, sent as HTML: escaped, so a reader shows the tags as written.
    expect(xml).toContain("<![CDATA[Say &lt;b&gt;hi&lt;/b&gt; &amp; go]]>");
    const [item] = parseFeed(xml).items;
    expect(item!.content).toContain("a ]]> b");
  });

  it("escapes Atom's HTML titles and keeps RSS titles as text", () => {
    expect(renderFeed("atom", channel, [entry])).toContain("Ampersands &amp; &lt;angle&gt; brackets");
    expect(parseFeed(renderFeed("rss", channel, [entry])).items[0]!.title).toBe("Ampersands & <angle> brackets ]]>  end");
  });

  it("never leaves a raw '<' in an Atom category attribute", () => {
    const xml = renderFeed("atom", channel, [entry]);
    expect(xml).toMatch(/<category label="R&amp;D lab>" scheme="[^"]+" term="r-d-lab"\/>/);
  });

  it("writes an empty feed with a fixed date rather than the time of the request", () => {
    expect(renderFeed("rss", channel, [])).toContain("<lastBuildDate>Thu, 01 Jan 1970 00:00:00 GMT</lastBuildDate>");
    expect(JSON.parse(renderFeed("json", channel, [])).items).toEqual([]);
  });
});

describe("renderFeed: well-formed XML whatever a post holds (checked by a strict XML parser)", () => {
  const channel: Channel = { title: "T ]]> ]]>", description: "d", path: "/", feedPath: "/feed.xml" };
  const hostile = parsePostFile(
    "posts/hostile.md",
    Buffer.from('---\ntitle: "one ]]> two ]]> three ]]> four"\ndescription: "bell \\a, escape \\e, lone \\uD800 half, \\uDFFF other half"\ndate: 2025-10-22\ntopics: ["a ]]> b ]]> c"]\n---\nx\n'),
  ).post as Post;
  // The body as the pipeline renders it: text and code in which "]]>" appears twice, and characters XML forbids.
  const entry = { post: hostile, html: "<p>a ]]> b ]]> c</p><pre><code>x]]>]]>y\u0002\uFFFE\uD83D</code></pre>" };

  it.each(["rss", "atom"] as const)("%s is well-formed and keeps every word", (format) => {
    const xml = renderFeed(format, channel, [entry]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const [item] = parseFeed(xml).items;
    expect(item!.content).toContain("a ]]> b ]]> c");
    expect(item!.content).toContain("x]]>]]>y");
    expect(item!.title).toContain("one ]]> two ]]> three ]]> four");
  });
});


describe("renderFeed: a post migrated from Hugo", () => {
  const channel: Channel = { title: "T", description: "d", path: "/", feedPath: "/feed.xml" };
  const entryOf = (name: string, front: string, body: string) => {
    const post = parsePostFile(`posts/${name}.md`, Buffer.from(`---\ntitle: ${name}\ndate: 2025-10-22\n${front}---\n${body}`)).post as Post;
    return { post, html: "<p>Body.</p>" };
  };
  const lead = "The lead.\n\n<!--more-->\n\nThe rest.\n";
  const entries = [
    entryOf("described", "description: The description.\nsummary: The summary.\n", lead),
    entryOf("summarized", "summary: The **summary**.\nimages: [/images/summarized.png]\n", lead),
    entryOf("divided", "", lead),
    entryOf("plain", "", "No divider.\n"),
  ];
  const EXPECTED = ["The description.", "The summary.", "The lead.", undefined];

  it.each(["rss", "atom"] as const)("%s summarizes each post by its description, else its summary, else its <!--more--> lead", (format) => {
    const items = parseFeed(renderFeed(format, channel, entries)).items;
    expect(items.map((item) => item.description ?? undefined)).toEqual(EXPECTED);
  });

  it("JSON Feed does the same, and shares the post's own image over its card", () => {
    const items = JSON.parse(renderFeed("json", channel, entries)).items;
    expect(items.map((item: { summary?: string }) => item.summary)).toEqual(EXPECTED);
    expect(items[1].image).toBe(`${SITE}/images/summarized.png`);
    expect(items[2].image).toBe(`${SITE}/blog/divided/social-card.png`);
  });
});

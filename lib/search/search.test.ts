import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SearchResults } from "@/components/search-results";
import { getPostText, invalidateContentIndex, parsePostFile, type Post } from "@/lib/content";
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, highlight, indexPost, parseQuery, rankPosts, searchPosts, snippet, type Segment } from "./search";
import { foldText } from "./search-text";

let counter = 0;
function makePost(front: Record<string, string>, body: string, format: "md" | "mdx" = "md"): Post {
  const yaml = Object.entries({ title: "Untitled", date: "2025-10-01", ...front }).map(([k, v]) => `${k}: ${v}`).join("\n");
  const { post, issues } = parsePostFile(`posts/search-${++counter}.${format}`, Buffer.from(`---\n${yaml}\n---\n${body}`));
  if (!post) throw new Error(JSON.stringify(issues));
  return post;
}
const marked = (segments: Segment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join("");
// Bodies become text in the render worker, as on the site.
const indexed = async (post: Post) => indexPost(post, await getPostText(post));
const search = async (posts: Post[], q: string) => rankPosts(await Promise.all(posts.map(indexed)), parseQuery(q).terms);

describe("parseQuery", () => {
  it("reads a missing, empty or repeated q", async () => {
    expect(parseQuery(undefined)).toEqual({ text: "", terms: [], truncated: false });
    expect(parseQuery("   ")).toEqual({ text: "", terms: [], truncated: false });
    expect(parseQuery(["first word", "second"]).text).toBe("first word");
  });

  it("folds case, accents and curly quotes, drops one-letter words and repeats", async () => {
    expect(parseQuery("Café  CAFÉ isn’t a B2B “deal”").terms).toEqual(["cafe", "isn't", "b2b", "deal"]);
  });

  it(`caps a query at ${MAX_QUERY_LENGTH} characters and says so`, () => {
    const query = parseQuery("<script>alert(1)</script>".repeat(200));
    expect(Array.from(query.text)).toHaveLength(MAX_QUERY_LENGTH);
    expect(query.truncated).toBe(true);
    expect(query.terms).toEqual(["script", "alert"]);
    expect(parseQuery("a".repeat(MAX_QUERY_LENGTH)).truncated).toBe(false);
  });

  it(`searches at most ${MAX_QUERY_TERMS} words and never splits a character`, () => {
    const words = Array.from({ length: 15 }, (_, i) => `word${i}`).join(" ");
    expect(parseQuery(words)).toMatchObject({ terms: Array.from({ length: 10 }, (_, i) => `word${i}`), truncated: true });
    const emoji = parseQuery("😀".repeat(300)).text;
    expect(Array.from(emoji)).toHaveLength(MAX_QUERY_LENGTH);
    expect(emoji).toBe("😀".repeat(MAX_QUERY_LENGTH));
  });

  it("turns control characters into spaces", async () => {
    expect(parseQuery("deal\u0000flow\nplan").text).toBe("deal flow plan");
  });
});

describe("the indexed text of a body", () => {
  it("strips markdown syntax and link targets, and applies the site's typography", async () => {
    const text = await getPostText(makePost({}, '## A *big* heading\n\nSee [the docs](https://example.com/x) -- it\'s "here"...\n\n- one\n- two\n\n`code`'));
    expect(text).toBe("A big heading · See the docs – it’s “here”… one · two · code");
  });

  it("keeps headings and table cells apart from the words after them", async () => {
    const table = "## Know your ask\n\nThe worst outcome.\n\n| Model | Earns |\n| --- | --- |\n| Referral | 10% |\n\nDone.";
    expect(await getPostText(makePost({}, table))).toBe("Know your ask · The worst outcome. Model · Earns · Referral · 10% · Done.");
  });

  it("drops raw HTML in .md, as the page does, but keeps the words inside MDX components", async () => {
    expect(await getPostText(makePost({}, "Before\n\n<div>hidden words</div>\n\nAfter"))).toBe("Before · After");
    expect(await getPostText(makePost({}, '<Callout title="Tip">\nWalk away words.\n</Callout>', "mdx"))).toBe("Walk away words.");
  });
});

describe("rankPosts", () => {
  const body = makePost({ title: "Pricing basics", date: "2025-11-01" }, "A partner partner partner post, all about the partner.");
  const titled = makePost({ title: "The partner map", date: "2025-09-01" }, "Nothing else here.");
  const topical = makePost({ title: "Other", topics: "[partnerships]", date: "2025-10-01" }, "Words.");

  it("ranks title matches first, then by score", async () => {
    expect((await search([body, titled, topical], "partner")).map((r) => r.post.title)).toEqual(["The partner map", "Other", "Pricing basics"]);
  });

  it("needs every word somewhere in the post", async () => {
    expect((await search([body, titled, topical], "partner map")).map((r) => r.post.title)).toEqual(["The partner map"]);
    expect(await search([body, titled], "partner zebra")).toEqual([]);
  });

  it("breaks ties by date, newest first", async () => {
    const older = makePost({ title: "Deal notes", date: "2024-01-01" }, "x");
    const newer = makePost({ title: "Deal notes", date: "2025-01-01" }, "x");
    expect((await search([older, newer], "deal")).map((r) => r.post.date)).toEqual(["2025-01-01", "2024-01-01"]);
  });

  it("finds typographic text with plain typing, and accents without them", async () => {
    const post = makePost({ title: "Notes" }, "It isn't a café, it's a \"deal\".");
    expect((await search([post], "isn't cafe")).length).toBe(1);
    expect(marked((await search([post], "isn't cafe"))[0]!.snippet)).toBe("It [isn’t] a [café], it’s a “deal”.");
  });
});

describe("snippets and highlights", () => {
  it("shows the words around the first match, cut at spaces, with ellipses", async () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`);
    words[40] = "needle";
    const entry = await indexed(makePost({ title: "T" }, words.join(" ")));
    const text = marked(snippet(entry, ["needle"]));
    expect(text.startsWith("…w")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    expect(text).toContain("w39 [needle] w41");
    expect(text.length).toBeLessThan(240);
  });

  it("falls back to the description when only the title matched", async () => {
    const entry = await indexed(makePost({ title: "Needle", description: "A short summary." }, "Body."));
    expect(marked(snippet(entry, ["needle"]))).toBe("A short summary.");
  });

  it("merges overlapping matches into one highlight", async () => {
    expect(marked(highlight("partnerships", foldText("partnerships"), ["partner", "nerships"]))).toBe("[partnerships]");
    expect(marked(highlight("a b", "a b", []))).toBe("a b");
  });

  it("keeps markup in posts and queries as text: rendered results escape it", async () => {
    const post = makePost({ title: '"<b>Bold</b> claims"' }, "Beware <script>alert(1)</script> & co, says the script.");
    const results = await search([post], "<script>alert(1)</script>");
    expect(results).toHaveLength(1);
    const html = renderToStaticMarkup(createElement(SearchResults, { results }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;b&gt;Bold&lt;/b&gt; claims");
    expect(html).toContain("<mark>script</mark>");
  });
});

describe("searchPosts on the sample site", () => {
  const saved = process.env.CONTENT_DIR;
  beforeEach(() => {
    process.env.CONTENT_DIR = path.join(__dirname, "../../tests/fixtures/site");
    invalidateContentIndex();
  });
  afterEach(() => {
    process.env.CONTENT_DIR = saved;
  });

  it("finds a word from the sample post's body, highlighted", async () => {
    const [result, ...others] = await searchPosts(parseQuery("LinkedIn"));
    expect(others).toEqual([]);
    expect(result!.post.slug).toBe("how-to-win-a-partnership-meeting");
    expect(marked(result!.snippet)).toContain("Check their [LinkedIn].");
  });

  it("never finds a draft or a scheduled post", async () => {
    expect(await searchPosts(parseQuery("Decide fast"))).toEqual([]);
    expect(await searchPosts(parseQuery("forty-page plans"))).toEqual([]);
    const slugs = (await searchPosts(parseQuery("partnership"))).map((r) => r.post.slug);
    expect(slugs).not.toContain("the-annual-partnership-plan");
    expect(slugs).not.toContain("channel-conflict-playbook");
    expect(slugs[0]).toBe("how-to-win-a-partnership-meeting");
  });
});

describe("search: a post migrated from Hugo", () => {
  it("finds a post by its summary or <!--more--> lead and shows it as the snippet when the body has no match", async () => {
    const summarized = makePost({ summary: "Mapping *alliances* early." }, "Body about something else.\n");
    expect((await search([summarized], "alliances")).map((result) => marked(result.snippet))).toEqual(["Mapping [alliances] early."]);
    const entry = indexPost(makePost({}, "A lead on ecosystems.\n\n<!--more-->\n\nThe rest.\n"), "The rest.");
    expect(marked(snippet(entry, ["ecosystems"]))).toBe("A lead on [ecosystems].");
  });
});

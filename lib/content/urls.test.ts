import { describe, expect, it } from "vitest";
import { aliasPath, contentPlace, expandPermalink, explicitUrlPath, looseRouteKey, makePathSanitized, postPath, routeKey, urlize, type UrlRules } from "./urls";

// Every expected value below is Hugo 0.111.3's own output for the probe site of /work/notes/hugo-research.md
// (§3.12 and Appendix B: results/pages-default.tsv), decoded.

const hugo = (over: Partial<Extract<UrlRules, { kind: "hugo" }>> = {}): UrlRules => ({
  kind: "hugo",
  contentDir: "content",
  permalinks: {},
  uglyURLs: false,
  disablePathToLower: false,
  languages: ["en"],
  ...over,
});

const base = { title: "Title", slug: "title", date: "2019-01-01T00:00:00Z" };

describe("Hugo's default paths", () => {
  it.each([
    ["content/urls/My Post_Name--Here.md", "/urls/my-post_name--here/"],
    ["content/urls/CamelCase.md", "/urls/camelcase/"],
    ["content/urls/café-été.md", "/urls/café-été/"],
    ["content/urls/with.dots.v1.2.md", "/urls/with.dots.v1.2/"],
    ["content/urls/legacy.markdown", "/urls/legacy/"],
    ["content/urls/Bundle_Caps/index.md", "/urls/bundle_caps/"],
    ["content/urls/nested/deeper/leaf.md", "/urls/nested/deeper/leaf/"],
    ["content/Top Level Page.md", "/top-level-page/"],
    ["content/dates/2008-05-12-dated-filename.md", "/dates/2008-05-12-dated-filename/"],
  ])("%s → %s", (file, expected) => {
    expect(postPath({ ...base, file }, hugo())).toBe(expected);
  });

  it("uses the slug field in place of the file name, sanitized as a path", () => {
    expect(postPath({ ...base, file: "content/urls/slugged.md", slugField: "My Custom_Slug--X" }, hugo())).toBe("/urls/my-custom_slug--x/");
  });

  it("lets url: win, keeping its case, adding the slash Hugo adds", () => {
    expect(postPath({ ...base, file: "content/urls/url-abs.md", url: "/Some/Where/Else" }, hugo())).toBe("/Some/Where/Else/");
    expect(postPath({ ...base, file: "content/urls/url-trailing.md", url: "/old/path.html" }, hugo())).toBe("/old/path.html");
    expect(postPath({ ...base, file: "content/urls/url-relative.md", url: "relative/path/" }, hugo())).toBe("/relative/path/");
  });

  it("puts a translation under /LANG, except a url: with a leading slash (Hugo 0.111.3's output for the same files)", () => {
    const fr = hugo({ languages: ["en", "fr"], language: "fr" });
    expect(postPath({ ...base, file: "content/posts/c.fr.md", slugField: "autre" }, fr)).toBe("/fr/posts/autre/");
    expect(postPath({ ...base, file: "content/posts/a.fr.md", url: "/abs/path/" }, fr)).toBe("/abs/path/");
    expect(postPath({ ...base, file: "content/posts/b.fr.md", url: "rel/path/" }, fr)).toBe("/fr/rel/path/");
  });

  it("keeps Folio's own /blog/SLUG", () => {
    expect(postPath({ ...base, file: "posts/x.md", slug: "my-post" }, { kind: "folio" })).toBe("/blog/my-post");
  });
});

describe("permalink patterns", () => {
  const perma = (section: string, pattern: string) => hugo({ permalinks: { [section]: pattern } });
  const first = { file: "content/perma-date/2019-07-04-first_Post.md", title: "Hello, World! It's 2019", slug: "hello-world-its-2019", date: "2019-07-04T23:30:00-05:00" };

  it("writes the year of Hugo's zero date (a post without one) as 1 (tests/fixtures/hugo-frontmatter/hugo-output/none.txt)", () => {
    const undated = { file: "content/perma/2008-05-12-no-date.md", title: "No date perma", slug: "no-date-perma", date: "0001-01-01" };
    expect(postPath(undated, perma("perma", "/:year/:month/:day/:slug/"))).toBe("/1/01/01/no-date-perma/");
  });

  it("expands :year/:month/:day in the date's own offset and :slug as the urlized title when there is no slug", () => {
    expect(postPath(first, perma("perma-date", "/:year/:month/:day/:slug/"))).toBe("/2019/07/04/hello-world-its-2019/");
    expect(postPath({ ...first, file: "content/perma-date/second.md", slugField: "Second Slug", date: "2019-12-31T00:00:00Z" }, perma("perma-date", "/:year/:month/:day/:slug/"))).toBe("/2019/12/31/second-slug/");
    expect(postPath({ ...first, file: "content/perma-date/bundle-post/index.md", title: "Bundle Title", date: "2020-02-29T00:00:00Z" }, perma("perma-date", "/:year/:month/:day/:slug/"))).toBe("/2020/02/29/bundle-title/");
  });

  it("expands :filename (a bundle's folder name, date prefix kept, lower-cased)", () => {
    const rules = perma("perma-filename", "/:filename/");
    expect(postPath({ ...first, file: "content/perma-filename/2019-07-04-first_Post.md" }, rules)).toBe("/2019-07-04-first_post/");
    expect(postPath({ ...first, file: "content/perma-filename/bundle-post/index.md" }, rules)).toBe("/bundle-post/");
    expect(postPath({ ...first, file: "content/perma-filename/sub/deep.md" }, rules)).toBe("/deep/");
  });

  it("expands :monthname, :weekday, :weekdayname and :yearday", () => {
    const rules = perma("perma-mixed", "/:year/:monthname/:weekday-:weekdayname-:yearday/:filename/");
    expect(postPath({ ...first, file: "content/perma-mixed/2019-07-04-first_Post.md" }, rules)).toBe("/2019/july/4-thursday-185/2019-07-04-first_post/");
    expect(postPath({ ...first, file: "content/perma-mixed/bundle-post/index.md", date: "2020-02-29T00:00:00Z" }, rules)).toBe("/2020/february/6-saturday-60/bundle-post/");
  });

  it("expands :section and :title", () => {
    expect(postPath({ ...first, file: "content/perma-sections/sub/deep.md" }, perma("perma-sections", "/:section/:filename/"))).toBe("/perma-sections/deep/");
    expect(postPath(first, perma("perma-date", "/:section/:title/"))).toBe("/perma-date/hello-world-its-2019/");
  });

  it("still lets url: win over a pattern", () => {
    expect(postPath({ ...first, url: "/explicit/url/" }, perma("perma-date", "/:year/:month/:day/:slug/"))).toBe("/explicit/url/");
  });

  it("writes uglyURLs as .html (letsencrypt's posts)", () => {
    const rules = hugo({ contentDir: "content/en", permalinks: { post: "/:year/:month/:day/:slug/" }, uglyURLs: { post: true } });
    expect(postPath({ file: "content/en/post/2015-11-9-why-90-days.markdown", title: "Why ninety-day lifetimes", slug: "why-90-days", slugField: "why-90-days", date: "2015-11-09" }, rules)).toBe(
      "/2015/11/09/why-90-days.html",
    );
  });

  it("leaves an unknown token to the path rule, which drops its colon", () => {
    expect(expandPermalink("/:nope/:year/", { title: "t", date: "2020-01-02", place: contentPlace("x/y.md"), sectionsPath: "x" })).toBe("/nope/2020/");
  });
});

describe("aliases", () => {
  it("writes an absolute alias where it says, a relative one beside the post's folder", () => {
    expect(aliasPath("/old/one/", "/urls/aliased/")).toBe("/old/one/");
    expect(aliasPath("/Old/Two.html", "/urls/aliased/")).toBe("/Old/Two.html");
    expect(aliasPath("/old/three", "/urls/aliased/")).toBe("/old/three/");
    expect(aliasPath("relative-alias", "/urls/aliased/")).toBe("/urls/relative-alias/");
    // coder's about.md: `aliases: [about-us]` is /about-us/ (Hugo's own output, hugo-files.tsv).
    expect(aliasPath("about-us", "/about/")).toBe("/about-us/");
  });
});

describe("urlize and keys", () => {
  it.each([
    ["Go Lang", "go-lang"],
    ["C++", "c++"],
    ["Hugo_Static", "hugo_static"],
    ["Été", "été"],
    ["a - b", "a-b"],
  ])("urlize(%s) = %s", (term, expected) => {
    expect(urlize(term)).toBe(expected);
  });

  it("sanitizes a path as Hugo does: whitespace one hyphen, the rest of punctuation dropped", () => {
    expect(makePathSanitized("What's new? (v2.0)")).toBe("whats-new-v2.0");
    expect(makePathSanitized("Keep Case", true)).toBe("Keep-Case");
  });

  it("looks paths up decoded, without the trailing slash; old spellings by a looser key", () => {
    expect(routeKey("/urls/caf%C3%A9/")).toBe("/urls/café");
    expect(routeKey("/")).toBe("/");
    expect(looseRouteKey("/Posts/Code_Syntax/")).toBe(looseRouteKey("/posts/code-syntax"));
  });

  it("reads a translation's language and base name from the file name", () => {
    expect(contentPlace("posts/markdown-syntax.fr.md", ["en", "fr"])).toMatchObject({ name: "markdown-syntax", lang: "fr", section: "posts" });
    expect(contentPlace("posts/with.dots.v1.2.md", ["en"])).toMatchObject({ name: "with.dots.v1.2", section: "posts" });
  });

  it("normalises url: front matter", () => {
    expect(explicitUrlPath("https://example.com/a/b")).toBe("/a/b/");
  });
});

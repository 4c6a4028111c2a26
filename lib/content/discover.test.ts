import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSite } from "@/lib/config/hugo-site";
import { discoverContent } from "./discover";
import { loadContentIndex } from "./load";
import { siteFiles } from "@/tests/site-files";

const FIXTURES = path.join(__dirname, "../../tests/fixtures/hugo");

function discover(dir: string) {
  const read = readSite(dir);
  if (!read.ok) throw new Error(read.error);
  return discoverContent(read.site);
}

const site = (files: Record<string, string>) => siteFiles(files, "folio-discover-");

const post = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-01\ndescription: d\n---\nBody.\n`;

describe("discoverContent on real Hugo sites", () => {
  it("reads linkerd's year folders of leaf bundles as posts, and its other sections' _index.md as sections", () => {
    const found = discover(path.join(FIXTURES, "linkerd"));
    expect(found.mainSections).toEqual(["blog"]);
    expect(found.posts).toHaveLength(8);
    expect(found.posts.every((file) => /^content\/blog\/\d{4}\/[^/]+\/index\.md$/.test(file))).toBe(true);
    expect(found.sections.map((s) => s.dir)).toEqual(expect.arrayContaining(["blog", "design-principles", "faq"]));
  });

  it("reads the site's mainSections, and other sections' pages as pages", () => {
    const found = discover(path.join(FIXTURES, "beautifulhugo"));
    expect(found.mainSections).toEqual(["post", "recipe"]);
    expect(found.posts).toContain("content/recipe/2026-05-12-chocolate-chip-cookies.md");
    expect(found.pages).toEqual(["content/page/about.md", "content/page/markdown-extensions.md", "content/page/shortcodes.md"]);
  });

  it("says where new posts go and in which front matter: the main section, the format most posts use", async () => {
    const coder = await loadContentIndex(path.join(FIXTURES, "coder"));
    expect([coder.postsDir, coder.frontMatterFormat]).toEqual(["content/posts", "toml"]);
    const fluxcd = await loadContentIndex(path.join(FIXTURES, "fluxcd"));
    expect([fluxcd.postsDir, fluxcd.frontMatterFormat]).toEqual(["content/en/blog", "yaml"]);
  });

  it("finds translations by file name (`about.pt-br.md`) and by language folder (`content/fr/`), posts apart from pages", () => {
    const coder = discover(path.join(FIXTURES, "coder"));
    expect([coder.translatedPosts, coder.translatedPages, coder.leftOut]).toEqual([
      [{ file: "content/posts/markdown-syntax.pt-br.md", lang: "pt-br" }],
      [{ file: "content/about.pt-br.md", lang: "pt-br" }],
      [],
    ]);
    expect(coder.posts).not.toContain("content/posts/markdown-syntax.pt-br.md");
    const letsencrypt = discover(path.join(FIXTURES, "letsencrypt"));
    expect([letsencrypt.translatedPosts, letsencrypt.translatedPages, letsencrypt.leftOut]).toEqual([[], [{ file: "content/fr/about.md", lang: "fr" }], []]);
    expect(letsencrypt.summary).toContain("1 translation in 1 other language");
  });
});

describe("discoverContent: every markdown file is read or reported", () => {
  it("reports HTML content, other markup and hidden files; a bundle's other files are its resources", () => {
    const dir = site({
      "hugo.toml": 'title = "t"\n',
      "content/post/a.md": post("A"),
      "content/post/b.markdown": post("B"),
      // Hugo 0.111.3 builds a `.mdown` file as a page, and copies a `.mkd` one as a file.
      "content/post/m.mdown": post("M"),
      "content/post/k.mkd": post("K"),
      "content/post/page.html": "<p>x</p>",
      "content/post/c.adoc": "= C",
      "content/post/.hidden.md": post("H"),
      "content/post/trip/index.md": post("Trip"),
      "content/post/trip/notes.md": post("Not a page"),
      "content/post/trip/photo.jpg": "jpg",
      "content/about.md": post("About"),
    });
    const found = discover(dir);
    expect(found.posts).toEqual(["content/post/a.md", "content/post/b.markdown", "content/post/m.mdown", "content/post/trip/index.md"]);
    expect(found.pages).toEqual(["content/about.md"]);
    expect(found.leftOut).toEqual([
      { file: "content/post/.hidden.md", reason: "a hidden file (its name starts with a dot)" },
      { file: "content/post/c.adoc", reason: "another markup format (Folio reads markdown)" },
      { file: "content/post/page.html", reason: "an HTML content file (Folio reads markdown)" },
    ]);
    expect(found.summary).toBe("read 4 posts from content/post/ (its largest section) and 1 page; left out 3 files");
  });

  it("reads a language's _index.fr.md as its section page and a bundle's index.fr.md as its page; a second index in one language is left out", () => {
    const dir = site({
      "hugo.toml": 'title = "t"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n',
      "content/post/_index.md": "---\ntitle: Posts\n---\n",
      "content/post/_index.fr.md": "---\ntitle: Articles\n---\n",
      "content/post/trip/index.md": post("Trip"),
      "content/post/trip/index.en.md": post("Trip again"),
      "content/post/trip/index.fr.md": post("Voyage"),
      // Not a language of the site: still the section's page, and Hugo 0.111.3 (probed) titled /post/ from it.
      "content/post/_index.draft.md": "---\ntitle: Draft\n---\n",
    });
    const found = discover(dir);
    // Hugo built /post/trip/ from index.en.md, /fr/post/trip/ from index.fr.md.
    expect(found.posts).toEqual(["content/post/trip/index.en.md"]);
    expect(found.translatedPosts).toEqual([{ file: "content/post/trip/index.fr.md", lang: "fr" }]);
    expect(found.sections).toContainEqual({ dir: "post", file: "content/post/_index.draft.md" });
    expect(found.translatedSections).toEqual([{ dir: "post", file: "content/post/_index.fr.md", lang: "fr" }]);
    expect(found.leftOut).toEqual([
      { file: "content/post/_index.md", reason: "a second page of this section in the same language (_index.draft.md is read)" },
      { file: "content/post/trip/index.md", reason: "a second index of this bundle in the same language (index.en.md is read)" },
    ]);
  });

  it("makes finding no posts where markdown exists an error", async () => {
    const dir = site({ "hugo.yaml": "params:\n  mainSections: [blog]\n", "content/post/a.md": post("A") });
    const index = await loadContentIndex(dir);
    expect(index.issues.filter((i) => i.severity === "error").map((i) => `${i.file}: ${i.message}`)).toEqual([
      "content/: holds 1 markdown files but no posts: the main sections (blog) have none; set params.mainSections in the site's config",
    ]);
  });

  it.each([
    ["a Hugo site's content folder given as CONTENT_DIR", { "post/a.md": post("A"), "post/b.md": post("B") }, "post/a.md"],
    ["a folder of articles", { "articles/x.md": post("X") }, "articles/x.md"],
  ])("makes no posts/ beside markdown elsewhere an error naming it: %s", async (_, files, example) => {
    const index = await loadContentIndex(site(files));
    const errors = index.issues.filter((i) => i.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(`markdown file${Object.keys(files).length === 1 ? "" : "s"} elsewhere in CONTENT_DIR (${example})`);
  });

  it("lets an empty Folio folder, or one with only a README, load without error", async () => {
    for (const files of [{}, { "README.md": "# Notes" }] as Record<string, string>[]) {
      const index = await loadContentIndex(site(files));
      expect(index.issues.filter((i) => i.severity === "error")).toEqual([]);
    }
  });

  it("reads Folio's own posts/ with nested folders and bundles", () => {
    const dir = site({ "posts/a.md": post("A"), "posts/2024/b.md": post("B"), "posts/trip/index.md": post("Trip"), "posts/trip/x.png": "png" });
    const found = discover(dir);
    expect(found.posts).toEqual(["posts/2024/b.md", "posts/a.md", "posts/trip/index.md"]);
    expect(found.leftOut).toEqual([]);
  });
});

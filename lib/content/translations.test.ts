import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { invalidateContentIndex, loadContentIndex } from "./load";
import { resolvePath } from "./routes";
import { siteFiles } from "@/tests/site-files";

// A two-language Hugo site, translated both ways Hugo allows: by file name (`a.fr.md`) on one site, by language
// folder (`content/fr/`) on the other. The URLs expected are Hugo 0.111.3's output for these same files.
const NOW = Date.UTC(2026, 0, 1);
const page = (title: string, extra = "") => `---\ntitle: ${title}\ndate: 2025-01-01\ndescription: d\n${extra}---\n${title} body.\n`;

const site = (files: Record<string, string>) => siteFiles(files, "folio-translations-");

const byFileName = () =>
  site({
    "hugo.toml": 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n',
    "content/posts/a.md": page("A"),
    "content/posts/a.fr.md": page("A en français"),
    "content/posts/b.fr.md": page("B brouillon", "draft: true\n"),
    "content/posts/c.fr.md": page("C", "slug: autre\n"),
    "content/about.md": page("About"),
    "content/about.fr.md": page("À propos"),
  });

describe("translations", () => {
  it("are posts of their own language at Hugo's URL, never among the default language's posts", async () => {
    const index = await loadContentIndex(byFileName(), NOW);
    expect(index.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(index.posts.map((p) => p.path)).toEqual(["/posts/a/"]);
    expect(index.translations.map((p) => [p.path, p.lang]).sort()).toEqual([
      ["/fr/posts/a/", "fr"],
      ["/fr/posts/autre/", "fr"],
      ["/fr/posts/b/", "fr"],
    ]);
    // Named by their URL, so no translation takes the default language's name (`/blog/a`).
    expect(new Set([...index.posts, ...index.translations].map((p) => p.slug)).size).toBe(4);
  });

  it("answer at their URL; a draft translation at none, and no other language's URL shows its default", async () => {
    const index = await loadContentIndex(byFileName(), NOW);
    const served = (url: string) => {
      const resolved = resolvePath(index, url, NOW);
      return resolved.kind === "render" && resolved.target.kind === "post" ? resolved.target.post.title : resolved.kind;
    };
    expect(served("/fr/posts/a/")).toBe("A en français");
    expect(served("/posts/a/")).toBe("A");
    expect(served("/fr/posts/autre/")).toBe("C");
    expect(served("/fr/posts/b/")).not.toBe("B brouillon");
    const draft = index.translations.find((p) => p.title === "B brouillon")!;
    expect(resolvePath(index, `/blog/${draft.slug}`, NOW).kind).not.toBe("render");
  });

  it("share a translationKey with their original (the same path in each language, or the field)", async () => {
    const index = await loadContentIndex(byFileName(), NOW);
    const key = (title: string) => [...index.posts, ...index.translations, ...index.pages].find((p) => p.title === title)?.translationKey;
    expect(key("A en français")).toBe(key("A"));
    expect(key("À propos")).toBe(key("About"));
    expect(key("C")).not.toBe(key("A"));
    expect(index.pages.find((p) => p.title === "À propos")).toMatchObject({ lang: "fr", path: "/fr/about/" });
  });

  it("of a language the config disables are left out, saying why (Hugo builds none of them)", async () => {
    const dir = site({
      "hugo.toml": 'disableLanguages = ["de"]\n[languages.en]\nweight = 1\n[languages.de]\ncontentDir = "content/de"\n[languages.fr]\ndisabled = true\n',
      "content/post/x.md": page("X"),
      "content/post/x.fr.md": page("X en français"),
      "content/de/post/x.md": page("X auf Deutsch"),
    });
    const index = await loadContentIndex(dir, NOW);
    expect(index.translations).toEqual([]);
    expect(index.discovery.leftOut).toEqual([
      { file: "content/post/x.fr.md", reason: "a translation into fr, a language the site's config disables" },
      { file: "content/de/", reason: "the content of de, a language the site's config disables" },
    ]);
    expect(resolvePath(index, "/fr/post/x/", NOW)).toEqual({ kind: "redirect", to: "/post/x/" });
    // The disabled language's folder sits inside the default's content folder: not a section of it either.
    expect([...index.posts, ...index.pages].map((p) => p.file)).toEqual(["content/post/x.md"]);
  });

  it("are read from another language's own content folder", async () => {
    const dir = site({
      "hugo.toml": 'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.de]\ncontentDir = "content/de"\n',
      "content/en/post/x.md": page("X"),
      "content/de/post/x.md": page("X auf Deutsch"),
      "content/de/impressum.md": page("Impressum"),
    });
    const index = await loadContentIndex(dir, NOW);
    expect(index.discovery.leftOut).toEqual([]);
    expect(index.translations.map((p) => [p.file, p.path, p.lang])).toEqual([["content/de/post/x.md", "/de/post/x/", "de"]]);
    expect(index.pages.map((p) => [p.path, p.lang])).toEqual([["/de/impressum/", "de"]]);
    expect(index.translations[0]!.translationKey).toBe(index.posts[0]!.translationKey);
  });
});

describe("pages without a title on a Hugo site (Hugo builds them)", () => {
  const untitled = (extra = "") => `---\ndate: 2025-01-01\n${extra}---\nBody.\n`;

  it("a translation takes its original's title; another page is titled after its file; both with a warning", async () => {
    const dir = site({
      "hugo.toml": '[languages.en]\ncontentDir = "content/en"\n[languages.zh-tw]\ncontentDir = "content/zh-tw"\n',
      "content/en/post/x.md": page("X"),
      "content/en/privacy.md": page("Privacy Policy"),
      "content/zh-tw/privacy.md": untitled("untranslated: 1\n"),
      "content/zh-tw/getting-started.md": untitled(),
    });
    const index = await loadContentIndex(dir, NOW);
    expect(index.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(index.pages.filter((p) => p.lang).map((p) => [p.path, p.title]).sort()).toEqual([
      ["/zh-tw/getting-started/", "Getting started"],
      ["/zh-tw/privacy/", "Privacy Policy"],
    ]);
    expect(index.issues.filter((i) => i.field === "title").map((i) => [i.file, i.severity, i.message]).sort()).toEqual([
      ["content/zh-tw/getting-started.md", "warning", "is missing; titled 'Getting started' after the file's name"],
      ["content/zh-tw/privacy.md", "warning", "is missing; titled 'Privacy Policy' as its original, content/en/privacy.md"],
    ]);
  });

  it("leave the loader's index unchanged while nothing changes (the same object, nothing rebuilt)", async () => {
    const dir = site({
      "hugo.toml": '[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
      "content/en/post/x.md": page("X"),
      "content/en/about.md": page("About"),
      "content/fr/about.md": untitled(),
    });
    invalidateContentIndex();
    const first = await loadContentIndex(dir);
    // A second look, once the first is older than INDEX_MAX_AGE_MS: every file unchanged, so the same index.
    const second = await loadContentIndex(dir, Date.now() + 60_000);
    expect(second).toBe(first);
  });
});


describe("a Hugo content file without front matter (Hugo builds it: fluxcd.io's flagger/SUMMARY.md)", () => {
  it("is a page at its Hugo URL, titled after its file, its whole text the body, with warnings", async () => {
    const dir = site({
      "hugo.toml": '[params]\nmainSections = ["post"]\n',
      "content/post/x.md": page("X"),
      "content/flagger/SUMMARY.md": "# Table of contents\n\n* [Introduction](README.md)\n",
    });
    const index = await loadContentIndex(dir, NOW);
    expect(index.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(index.pages.map((p) => [p.path, p.title, p.body, p.bodyLine])).toEqual([["/flagger/summary/", "SUMMARY", "# Table of contents\n\n* [Introduction](README.md)\n", 1]]);
    expect(index.issues.filter((i) => i.file === "content/flagger/SUMMARY.md").map((i) => [i.severity, i.field])).toEqual([["warning", "title"]]);
  });

  it("is still refused on Folio's own site, naming the file and line", async () => {
    const dir = site({ "posts/x.md": "# Just a body\n" });
    const index = await loadContentIndex(dir, NOW);
    expect(index.issues.map((i) => [i.file, i.line, i.severity])).toEqual([["posts/x.md", 1, "error"]]);
  });
});

describe("a translation never displaces the default language (review of this change)", () => {
  it("loses a contested URL to the default language's post, whichever file is older or sorts first", async () => {
    const dir = site({
      "hugo.toml": '[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n',
      "content/posts/a.fr.md": page("A fr", "url: /same/\n"),
      "content/posts/a.md": page("A", "url: /same/\n"),
    });
    const index = await loadContentIndex(dir, NOW);
    const resolved = resolvePath(index, "/same/", NOW);
    expect(resolved.kind === "render" && resolved.target.kind === "post" && resolved.target.post.title).toBe("A");
    expect(index.issues.filter((i) => i.severity === "error").map((i) => i.file)).toEqual(["content/posts/a.fr.md"]);
  });

  it("never shadows a default-language page at the same URL", async () => {
    const dir = site({
      "hugo.toml": '[params]\nmainSections = ["posts"]\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n',
      "content/posts/x.md": page("X"),
      "content/posts/x.fr.md": page("X fr", "url: /about/\n"),
      "content/about.md": page("About"),
    });
    const index = await loadContentIndex(dir, NOW);
    const resolved = resolvePath(index, "/about/", NOW);
    expect(resolved.kind === "render" && resolved.target.kind === "page" && resolved.target.page.title).toBe("About");
  });

  it("takes no title from a draft original", async () => {
    const dir = site({
      "hugo.toml": '[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
      "content/en/post/x.md": page("X"),
      "content/en/secret.md": page("Unannounced product", "draft: true\n"),
      "content/fr/secret.md": "---\ndate: 2025-01-01\n---\nBody.\n",
    });
    const index = await loadContentIndex(dir, NOW);
    expect(index.pages.find((p) => p.lang === "fr")?.title).toBe("Secret");
  });

  it("of a language whose folder is outside the site is refused, as the default's would be", async () => {
    const outside = site({ "secret.md": page("Secret") });
    const dir = site({
      "hugo.toml": `[languages.en]\nweight = 1\n[languages.fr]\ncontentDir = "${path.relative("/", outside).replace(/^/, "../".repeat(8))}"\n`,
      "content/post/x.md": page("X"),
    });
    const index = await loadContentIndex(dir, NOW);
    expect(index.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^languages\.fr\.contentDir: '.*' must be a folder inside the site$/)]);
    expect([...index.pages, ...index.translations]).toEqual([]);
  });

  it("of a language whose folder is a link out of the site is refused, file by file", async () => {
    const outside = site({ "secret.md": page("Secret") });
    const dir = site({ "hugo.toml": '[languages.en]\nweight = 1\n[languages.fr]\ncontentDir = "content/fr"\n', "content/post/x.md": page("X") });
    symlinkSync(outside, path.join(dir, "content/fr"));
    const index = await loadContentIndex(dir, NOW);
    expect([...index.pages, ...index.translations]).toEqual([]);
    expect(index.issues.filter((i) => i.severity === "error").map((i) => [i.file, i.message])).toEqual([
      ["content/fr/secret.md", "is reached through a symbolic link that leaves CONTENT_DIR; refused"],
    ]);
  });
});

describe("front matter after blank lines on a Hugo site (Hugo reads it; review of this change)", () => {
  it("is refused, never served as a page with its fields as text", async () => {
    const dir = site({ "hugo.toml": '[params]\nmainSections = ["post"]\n', "content/post/x.md": page("X"), "content/secret.md": "\n---\ntitle: Secret\ndraft: true\n---\nBody.\n" });
    const index = await loadContentIndex(dir, NOW);
    expect(index.pages).toEqual([]);
    expect(index.issues.filter((i) => i.severity === "error").map((i) => [i.file, i.line])).toEqual([["content/secret.md", 1]]);
  });
});

describe("pages with an empty title", () => {
  it("a page whose title is empty (`title:`) is titled as one without", async () => {
    const dir = site({ "hugo.toml": '[params]\nmainSections = ["post"]\n', "content/post/x.md": page("X"), "content/getting-started.md": "---\ntitle:\n---\nBody.\n" });
    const index = await loadContentIndex(dir, NOW);
    expect(index.pages.map((p) => p.title)).toEqual(["Getting started"]);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContentIndex, type ContentIndex } from "./load";
import { isPublic } from "./publish";
import { findResource } from "./resources";
import { resolvePath, type Resolution } from "./routes";
import { contentPlace } from "./urls";

// Each real site's URLs as Hugo 0.111.3 published them (expected-urls.tsv: every page; hugo-files.tsv: aliases and
// files, extracted from Hugo's output folder), checked against Folio's route table. The fixtures were built with
// Hugo's clock at 2026-12-01T00:00:00Z, so drafts, future and expired posts are judged at that instant here too.
const NOW = Date.UTC(2026, 11, 1);
const FIXTURES = path.join(__dirname, "../../tests/fixtures/hugo");
const SITES = ["coder", "papermod", "beautifulhugo", "linkerd", "fluxcd", "letsencrypt"];

type Row = { source: string; lang: string; kind: string; url: string };

function rows(name: string): Row[] {
  const [, ...lines] = readFileSync(path.join(FIXTURES, name, "expected-urls.tsv"), "utf8").trim().split("\n");
  return lines.map((line) => {
    const [source, lang, kind, url] = line.split("\t") as [string, string, string, string];
    return { source, lang, kind, url };
  });
}

function hugoFiles(name: string): { kind: string; path: string; target?: string }[] {
  return readFileSync(path.join(FIXTURES, name, "hugo-files.tsv"), "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [kind, p, target] = line.split("\t") as [string, string, string | undefined];
      return { kind, path: p, ...(target ? { target } : {}) };
    });
}

/** Follows redirects (at most four) and says where a path ends up. */
function follow(index: ContentIndex, start: string): { path: string; final: Resolution; hops: number } {
  let current = start;
  for (let hops = 0; hops < 5; hops++) {
    const resolved = resolvePath(index, current, NOW);
    if (resolved.kind !== "redirect") return { path: current, final: resolved, hops };
    current = resolved.to;
  }
  throw new Error(`${start}: redirects more than four times`);
}

/** The file behind a row of Hugo's list: in its language's own content folder, when it has one. */
function fileOf(index: ContentIndex, row: Row): string {
  const site = index.site;
  const own = site.kind === "hugo" && row.lang !== site.defaultLanguage ? site.otherContentDirs.find((other) => other.lang === row.lang)?.dir : undefined;
  return `${own ?? site.contentDir}/${row.source}`;
}

const indexes = new Map<string, ContentIndex>();
async function indexOf(name: string): Promise<ContentIndex> {
  if (!indexes.has(name)) indexes.set(name, await loadContentIndex(path.join(FIXTURES, name), NOW));
  return indexes.get(name)!;
}

describe.each(SITES)("%s: every URL Hugo served answers on Folio", (name) => {
  it("loads with no errors", async () => {
    const index = await indexOf(name);
    expect(index.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("serves each page of the default language at exactly its Hugo URL (posts as posts)", async () => {
    const index = await indexOf(name);
    const { basePath, defaultLanguage } = index.site;
    for (const row of rows(name).filter((r) => r.kind === "page" && r.lang === defaultLanguage)) {
      const url = decodeURIComponent(row.url.slice(basePath.length));
      const resolved = resolvePath(index, url, NOW);
      expect(resolved.kind, `${row.source} at ${url}`).toBe("render");
      if (resolved.kind !== "render") continue;
      const file = `${index.site.contentDir}/${row.source}`;
      const served = resolved.target.kind === "post" ? resolved.target.post : resolved.target.kind === "page" ? resolved.target.page : undefined;
      expect(served?.file, url).toBe(file);
      // A post of a main section is a post (lists, feeds); anything else a page.
      expect(resolved.target.kind, url).toBe(index.discovery.mainSections.includes(row.source.split("/")[0]!) ? "post" : "page");
    }
  });

  it("redirects the same URL under the baseURL's path, and without its trailing slash, to it", async () => {
    const index = await indexOf(name);
    for (const row of rows(name).filter((r) => r.kind === "page" && r.lang === index.site.defaultLanguage)) {
      const url = decodeURIComponent(row.url.slice(index.site.basePath.length));
      if (url.endsWith("/")) expect(resolvePath(index, url.slice(0, -1), NOW), url).toEqual({ kind: "redirect", to: url });
      if (index.site.basePath) expect(resolvePath(index, decodeURIComponent(row.url), NOW)).toEqual({ kind: "redirect", to: url });
    }
  });

  it("serves each translation at exactly its Hugo URL, in its language (posts as posts)", async () => {
    const index = await indexOf(name);
    const { basePath, defaultLanguage } = index.site;
    for (const row of rows(name).filter((r) => r.kind === "page" && r.lang !== defaultLanguage)) {
      const url = decodeURIComponent(row.url.slice(basePath.length));
      const resolved = resolvePath(index, url, NOW);
      expect(resolved.kind, `${row.source} (${row.lang}) at ${url}`).toBe("render");
      if (resolved.kind !== "render") continue;
      const served = resolved.target.kind === "post" ? resolved.target.post : resolved.target.kind === "page" ? resolved.target.page : undefined;
      expect([served?.file, served?.lang], url).toEqual([fileOf(index, row), row.lang]);
      expect(resolved.target.kind, url).toBe(index.discovery.mainSections.includes(contentPlace(row.source).section) ? "post" : "page");
    }
  });

  it("redirects each alias to the page Hugo's alias page pointed at", async () => {
    const index = await indexOf(name);
    for (const alias of hugoFiles(name).filter((f) => f.kind === "alias")) {
      const { path: landed, final } = follow(index, alias.path);
      if (alias.path === `/${index.site.defaultLanguage}/`) {
        // The default language's home under its code: Folio's home page, which Next.js serves as it is.
        expect([landed, final.kind], alias.path).toEqual(["/", "pass"]);
        continue;
      }
      expect(final.kind, alias.path).toBe("render");
      expect(landed, alias.path).toBe(alias.target);
    }
  });

  it("serves each file Hugo published (static/ and bundle resources) at its URL", async () => {
    const index = await indexOf(name);
    for (const file of hugoFiles(name).filter((f) => f.kind === "file")) {
      expect(resolvePath(index, file.path, NOW), file.path).toEqual({ kind: "resource", path: file.path });
      expect(findResource(index, file.path, NOW), file.path).not.toBeNull();
    }
  });

  it("answers nothing for a post Hugo did not publish (draft, future, expired), at any of its URLs", async () => {
    const index = await indexOf(name);
    const published = new Set(rows(name).map((r) => fileOf(index, r)));
    for (const post of [...index.posts, ...index.translations, ...index.pages].filter((p) => !published.has(p.file))) {
      for (const url of [post.path, `/blog/${post.slug}`, ...post.aliases.map((a) => (a.startsWith("/") ? a : `/${a}`))]) {
        const { final } = follow(index, url);
        expect(final.kind === "render" && (final.target.kind === "post" || final.target.kind === "page") && [final.target].some((t) => (t.kind === "post" ? t.post : t.kind === "page" ? t.page : undefined)?.file === post.file), `${post.file} at ${url}`).toBe(false);
        if (final.kind === "resource") expect(findResource(index, final.path, NOW), url).toBeNull();
      }
    }
  });
});

describe("old spellings, /blog/SLUG and unknown paths", () => {
  it("redirects capitals, hyphens for underscores and /blog/SLUG to the Hugo URL", async () => {
    const index = await indexOf("papermod");
    expect(resolvePath(index, "/posts/code-syntax/", NOW)).toEqual({ kind: "redirect", to: "/posts/code_syntax/" });
    expect(resolvePath(index, "/Posts/Code_Syntax/", NOW)).toEqual({ kind: "redirect", to: "/posts/code_syntax/" });
    expect(resolvePath(index, "/blog/code-syntax", NOW)).toEqual({ kind: "redirect", to: "/posts/code_syntax/" });
  });

  it("sends an unknown path to the 404 (a file lookup that finds nothing), and an unknown /blog/SLUG straight there", async () => {
    const index = await indexOf("linkerd");
    expect(resolvePath(index, "/no/such/page/", NOW)).toEqual({ kind: "resource", path: "/no/such/page/" });
    expect(findResource(index, "/no/such/page/", NOW)).toBeNull();
    expect(resolvePath(index, "/blog/no-such-post", NOW)).toEqual({ kind: "not-found" });
    expect(resolvePath(index, "/hugo/page/x", NOW)).toEqual({ kind: "not-found" });
  });

  it("serves section lists with Hugo's pagination, and 404s past the last page", async () => {
    const index = await indexOf("papermod");
    const first = resolvePath(index, "/posts/", NOW);
    expect(first.kind === "render" && first.internal).toBe("/hugo/section/1/posts");
    const second = resolvePath(index, "/posts/page/2/", NOW);
    expect(second.kind === "render" && second.internal).toBe("/hugo/section/2/posts");
    // papermod's 8 public posts, 3 a page (its pagerSize): pages 1 to 3.
    expect(resolvePath(index, "/posts/page/3/", NOW).kind).toBe("render");
    expect(resolvePath(index, "/posts/page/4/", NOW).kind).toBe("resource");
  });

  it("serves taxonomy terms at Hugo's urlized URLs", async () => {
    const index = await indexOf("papermod");
    expect(resolvePath(index, "/tags/", NOW)).toMatchObject({ kind: "render", internal: "/hugo/terms/tags" });
    expect(resolvePath(index, "/tags/markdown/", NOW)).toMatchObject({ kind: "render", internal: "/hugo/terms/tags/markdown/1" });
    expect(resolvePath(index, "/tags/no-such-term/", NOW)).toEqual({ kind: "not-found" });
    expect(resolvePath(index, "/categories/no-such-term/", NOW)).toEqual({ kind: "not-found" });
  });

  it("keeps Folio's own site as it was: /blog/SLUG passes, other spellings redirect, unknown slugs 404", async () => {
    const index = await loadContentIndex(path.join(FIXTURES, "../site"), NOW);
    const post = index.posts.find((p) => isPublic(p, NOW))!;
    expect(resolvePath(index, `/blog/${post.slug}`, NOW)).toEqual({ kind: "pass" });
    expect(resolvePath(index, `/blog/${post.slug}/`, NOW)).toEqual({ kind: "redirect", to: `/blog/${post.slug}` });
    expect(resolvePath(index, `/blog/${post.slug.toUpperCase()}`, NOW)).toEqual({ kind: "redirect", to: `/blog/${post.slug}` });
    expect(resolvePath(index, "/blog/no-such-post", NOW)).toEqual({ kind: "not-found" });
    expect(resolvePath(index, "/topics", NOW)).toEqual({ kind: "pass" });
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileGlob, readCascades } from "./build-options";
import { loadContentIndex } from "./load";
import { isPublic } from "./publish";
import { resolvePath } from "./routes";

// tests/fixtures/hugo-build-options: draft sections, cascades (with and without `_target`), `_build` and a headless
// bundle, beside what Hugo 0.111.3 built from them (hugo-built.txt: every page; home.txt: the regular pages it lists).
const SITE = path.join(__dirname, "../../tests/fixtures/hugo-build-options");
const NOW = Date.UTC(2026, 11, 1);
const built = new Set(readFileSync(path.join(SITE, "hugo-built.txt"), "utf8").trim().split("\n"));
const listed = [...readFileSync(path.join(SITE, "home.txt"), "utf8").matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);

describe("pages Hugo does not build are in no public output", () => {
  it("serves exactly the posts Hugo both built and listed (a page built but listed nowhere is left out, with the reason)", async () => {
    const index = await loadContentIndex(SITE, NOW);
    const publicPosts = index.posts.filter((post) => isPublic(post, NOW));
    // Hugo built /post/nl/ but lists it nowhere (`list: never`); RF and RO are listed but have no page. Folio serves
    // a post with its page and in lists, or not at all. N1 and OWNB use Hugo 0.123's `build:` and `target:`, which
    // Hugo 0.111.3 ignores: both built and listed.
    const both = publicPosts.filter((post) => built.has(post.path) && listed.includes(post.title));
    expect(publicPosts.map((post) => post.title).sort()).toEqual(["N1", "OWNB", "Plain", "TB"]);
    expect(both).toHaveLength(4);
  });

  it.each([
    ["content/post/secret/s1.md", "its section is a draft (content/post/secret/_index.md)"],
    ["content/post/secret/deeper/s2.md", "its section is a draft (content/post/secret/_index.md)"],
    // Its own `draft: false` does not help: Hugo builds nothing below a draft section.
    ["content/post/secret/s3.md", "its section is a draft (content/post/secret/_index.md)"],
    ["content/post/drafty/d1.md", "its section is a draft (content/post/drafty/_index.md)"],
    ["content/post/hidden/h1.md", "`_build: {render: never}`"],
    ["content/post/hb/index.md", "`headless: true`"],
    ["content/post/nr.md", "`_build: {render: never}`"],
    ["content/post/rf.md", "`_build: {render: false}`"],
    ["content/post/nl.md", "`_build: {list: never}`"],
    ["content/post/tgt/a/ta.md", "`draft: true` cascades from content/post/tgt/_index.md"],
    // `target:` (Hugo 0.123's spelling) narrows nothing on Hugo 0.111.3: the cascade's draft reaches the whole section.
    ["content/post/untargeted/u1.md", "its section is a draft (content/post/untargeted/_index.md)"],
  ])("%s is left out: %s", async (file, reason) => {
    const index = await loadContentIndex(SITE, NOW);
    const post = index.posts.find((p) => p.file === file);
    expect(post?.hiddenBy).toContain(reason);
    expect(isPublic(post!, NOW)).toBe(false);
    expect(resolvePath(index, post!.path, NOW).kind).not.toBe("post");
    expect(index.issues.some((issue) => issue.file === file && issue.severity === "warning" && issue.message.includes(reason))).toBe(true);
  });

  it("says that Hugo 0.123's `build:` and `target:` in a cascade are read by neither Hugo 0.111 nor Folio", async () => {
    const index = await loadContentIndex(SITE, NOW);
    const warning = index.issues.find((issue) => issue.file === "content/post/newer/_index.md");
    expect(warning?.message).toContain("'build' is Hugo 0.123's spelling of '_build', which Hugo 0.111 ignores too");
    expect(warning?.message).toContain("'target' is Hugo 0.123's spelling of '_target'");
  });

  it("leaves the section with a targeted cascade and the pages outside its target alone", async () => {
    const index = await loadContentIndex(SITE, NOW);
    expect(index.posts.find((p) => p.file === "content/post/tgt/b/tb.md")?.hiddenBy).toBeUndefined();
    expect(index.sections.find((s) => s.dir === "post/tgt")?.draft).toBe(false);
    expect(index.sections.find((s) => s.dir === "post/secret")?.draft).toBe(true);
  });
});

// tests/fixtures/hugo-build-options-i18n: a language's own draft section or cascade, beside what Hugo 0.111.3 built.
describe("another language's sections keep that language's pages out, and only those", () => {
  const titlesOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]).sort();

  it.each([
    // `post/fr-draft/_index.fr.md` is a draft: C (fr) is not built, C is. `post/en-cascade/_index.md` cascades a
    // draft: D is not built, D (fr) is. A bundle's `index.fr.md` is its French page.
    ["files", "post/fr-draft/_index.fr.md is a draft"],
    // `content/fr/post/hidden/_index.md` cascades a draft: B (fr) is not built, its own `draft: false` aside; B is.
    ["dirs", "content/fr/post/hidden/_index.md cascades a draft"],
  ])("%s: serves exactly the posts and translations Hugo built and listed (%s)", async (site) => {
    const dir = path.join(__dirname, "../../tests/fixtures/hugo-build-options-i18n", site);
    const builtHere = new Set(readFileSync(path.join(dir, "hugo-built.txt"), "utf8").trim().split("\n"));
    const index = await loadContentIndex(dir, NOW);
    const posts = index.posts.filter((post) => isPublic(post, NOW));
    const translations = index.translations.filter((post) => isPublic(post, NOW));
    expect(posts.map((post) => post.title).sort()).toEqual(titlesOf(path.join(dir, "home.txt")));
    expect(translations.map((post) => post.title).sort()).toEqual(titlesOf(path.join(dir, "home-fr.txt")));
    for (const post of [...posts, ...translations]) expect(builtHere, post.title).toContain(post.path);
    // Every page Hugo left out is known to Folio, and says why.
    for (const post of [...index.posts, ...index.translations].filter((p) => !isPublic(p, NOW))) {
      expect(post.hiddenBy, post.file).toMatch(/its section is a draft/);
      expect(resolvePath(index, post.path, NOW).kind, post.file).not.toBe("post");
    }
    expect(index.posts.length + index.translations.length).toBe(site === "files" ? 8 : 4);
  });
});

describe("cascade and its _target", () => {
  it("reads a map and a list of maps, keys lowercased, the target apart", () => {
    const [one] = readCascades({ Draft: true });
    expect(one).toEqual({ values: { draft: true } });
    const [targeted] = readCascades([{ _target: { path: "/blog/**", kind: "page" }, draft: true }]);
    expect(targeted?.values).toEqual({ draft: true });
    expect(targeted?.target?.kind).toBe("page");
    expect(readCascades("draft")).toEqual([]);
  });

  it("matches paths as Hugo's globs do: ** crosses folders, * does not", () => {
    const matches = (glob: string, path: string) => compileGlob(glob)(path);
    expect(matches("/post/tgt/a/**", "/post/tgt/a/ta.md")).toBe(true);
    expect(matches("/post/tgt/a/**", "/post/tgt/b/tb.md")).toBe(false);
    expect(matches("/blog/*", "/blog/x.md")).toBe(true);
    expect(matches("/blog/*", "/blog/2024/x.md")).toBe(false);
    expect(matches("/{docs,blog}/**", "/docs/a/b.md")).toBe(true);
    expect(matches("/a.b/**", "/aXb/c.md")).toBe(false);
    expect(matches("/Blog/?.md", "/blog/x.md")).toBe(true);
    expect(matches("/blog/?.md", "/blog//.md")).toBe(false);
  });

  it("answers a glob that would backtrack as a regular expression, on a path it does not match", () => {
    // As a regular expression, `(.*a){40}` against forty a's and a b tries on the order of 2^40 ways.
    expect(compileGlob(`${"**a".repeat(40)}c`)(`${"a".repeat(400)}b`)).toBe(false);
    expect(compileGlob(`/${"*".repeat(2000)}`)("/x")).toBe(false);
  });
});

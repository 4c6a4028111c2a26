import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { invalidateContentIndex, loadContentIndex, type ContentIndex } from "./load";
import { formatIssue } from "./parse";

// Every expected URL, date and slug below is Hugo 0.111.3's own: tests/fixtures/hugo-frontmatter/probe.sh built
// content/ once per configs/*.toml and wrote each page's file|RelPermalink|Date|Slug to hugo-output/.

const FIXTURE = path.join(__dirname, "../../tests/fixtures/hugo-frontmatter");
const temps: string[] = [];

/** The fixture's content under one of its configs, as a Hugo site root in the OS temp dir. */
async function load(config: string): Promise<ContentIndex> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-fmconfig-"));
  temps.push(dir);
  cpSync(path.join(FIXTURE, "content"), path.join(dir, "content"), { recursive: true });
  cpSync(path.join(FIXTURE, "configs", `${config}.toml`), path.join(dir, "config.toml"));
  return loadContentIndex(dir);
}

type Page = { file: string; url: string; date: string; slug: string };

function hugoOutput(config: string): Page[] {
  return readFileSync(path.join(FIXTURE, "hugo-output", `${config}.txt`), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => {
      const [file, url, date, slug] = line.split("|") as [string, string, string, string];
      return { file: `content/${file}`, url, date: date.slice(0, 10), slug };
    });
}

/** What Folio made of each of Hugo's pages: its URL, calendar date and the slug that URL uses. */
function folioPages(index: ContentIndex, pages: Page[]) {
  return pages.map(({ file }) => {
    const post = index.files.find((report) => report.file === file)?.post;
    return { file, url: post?.path, date: post?.date.slice(0, 10) };
  });
}

/** Each page's URL and date under one config, as Folio serves it and as Hugo built it. */
async function besideHugo(config: string) {
  const pages = hugoOutput(config);
  const folio = folioPages(await load(config), pages);
  return { folio, hugo: pages.map(({ file, url, date }) => ({ file, url, date })) };
}

beforeEach(() => invalidateContentIndex());
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('[frontmatter] date = [":filename", ":default"] (a Jekyll-migrated site)', () => {
  it("serves every post at Hugo's URL, dated from its file name, slugged by the name without the date", async () => {
    const { folio, hugo } = await besideHugo("filename");
    expect(folio).toEqual(hugo);
  });

  it("takes the file name's date over the front matter's, in a /:year/:month/:day/:slug/ permalink", async () => {
    const index = await load("filename");
    const post = index.posts.find((p) => p.file === "content/perma/2009-02-03-second.md");
    expect(post?.path).toBe("/2009/02/03/second/");
    expect(post?.date).toBe("2009-02-03");
  });

  it("names the post after its URL's slug, and keeps a slug written in front matter", async () => {
    const index = await load("filename");
    const slugOf = (file: string) => index.files.find((report) => report.file === file)?.post?.slug;
    expect(slugOf("content/post/2008-05-12-jekyll-post.md")).toBe("jekyll-post");
    expect(slugOf("content/post/2011-03-04-with-slug.md")).toBe("custom");
    expect(index.issues.map(formatIssue).filter((line) => line.includes("date-from") || line.includes("file name ("))).toEqual([]);
  });
});

describe('[frontmatter] date = ["date", ":filename"]', () => {
  it("lets the front matter's date win and keeps the whole file name in the URL then; the file name dates the rest", async () => {
    const { folio, hugo } = await besideHugo("date-first");
    expect(folio).toEqual(hugo);
  });
});

describe("[frontmatter] with tokens Folio cannot honour", () => {
  it("skips :git and an unknown token as Hugo does, and a :filename source of lastmod still sets the slug", async () => {
    const { folio, hugo } = await besideHugo("tokens");
    expect(folio).toEqual(hugo);
  });

  it("warns once for the site, naming the config file, for :git and for an unknown token", async () => {
    const index = await load("tokens");
    expect(index.issues.filter((issue) => issue.kind === "frontmatter-source").map(formatIssue)).toEqual([
      "config.toml: frontmatter: ':git' is not supported (Folio reads no Git history): skipped, as Hugo skips it without enableGitInfo",
      "config.toml: frontmatter: ':nosuch' is not a token Hugo knows (:default, :filename, :fileModTime, :git): skipped, as Hugo skips it",
    ]);
  });
});

describe("a site without [frontmatter]", () => {
  it("is read as before: Hugo's URLs, and Folio's file-name date only for a post without any date", async () => {
    const pages = hugoOutput("none");
    const index = await load("none");
    // Hugo dates these 0001-01-01; Folio's leniency (docs/hugo.md) takes the file name's date, with a warning.
    const lenient: Record<string, { url: string; date: string }> = {
      "content/perma/2008-05-12-no-date.md": { url: "/2008/05/12/no-date-perma/", date: "2008-05-12" },
    };
    const expected = pages.map(({ file, url, date }) => {
      const name = path.basename(file === "content/post/2012-06-07-bundle/index.md" ? path.dirname(file) : file);
      // Folio's leniency needs a separator after the date (`2014-01-01.md` stays undated, as in Hugo).
      const fromName = date === "0001-01-01" && /^\d{4}-\d{2}-\d{2}[-_]/.test(name) ? name.slice(0, 10) : date;
      return { file, ...(lenient[file] ?? { url, date: fromName }) };
    });
    expect(folioPages(index, pages)).toEqual(expected);
    expect(index.issues.some((issue) => issue.kind === "frontmatter-source")).toBe(false);
  });
});

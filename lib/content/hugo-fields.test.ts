import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, parsePostFile } from "./parse";
import { isPublic } from "./publish";

// Expected values are Hugo 0.111.3's own: tests/fixtures/hugo-probe/ holds the probe site's pages (dates/, urls/)
// and the page inventories Hugo wrote for them (pages-default.tsv; pages-timezone.tsv with timeZone =
// "America/Los_Angeles"), built with the clock at 2026-12-01 (see /work/notes/hugo-research.md, 3.11 and 3.12).

const PROBE = path.join(__dirname, "../../tests/fixtures/hugo-probe");
const CLOCK = Date.UTC(2026, 11, 1);
// Hugo's zero time: a page with no date at all.
const ZERO = "0001-01-01T00:00:00Z";

type Row = Record<string, string>;

function inventory(variant: string): Map<string, Row> {
  const [header, ...lines] = readFileSync(path.join(PROBE, `pages-${variant}.tsv`), "utf8").trimEnd().split("\n");
  const names = header!.split("\t");
  return new Map(lines.map((line) => {
    const cells = line.split("\t");
    const row = Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""]));
    return [row.src!, row];
  }));
}

function parseProbe(file: string, timeZone?: string) {
  return parsePostFile(file, readFileSync(path.join(PROBE, file)), { timeZone });
}

const DATE_FILES = readdirSync(path.join(PROBE, "dates")).map((name) => `dates/${name}`);

describe.each([
  ["default", undefined],
  ["timezone", "America/Los_Angeles"],
])("dates as Hugo reads them (%s)", (variant, timeZone) => {
  const pages = inventory(variant);

  // The dated file name is Folio's leniency (tested below); Hugo's inventory prints whole seconds only.
  const seconds = (ms: number) => Math.floor(ms / 1000);
  it.each(DATE_FILES.filter((file) => pages.has(file) && file !== "dates/2008-05-12-dated-filename.md"))("%s: the same date and publish instant as Hugo", (file) => {
    const row = pages.get(file)!;
    const { post, issues } = parseProbe(file, timeZone);
    expect(post, issues.map(formatIssue).join("\n")).toBeDefined();
    const date = row.date === ZERO ? row.lastmod : row.date;
    expect(seconds(post!.publishedAt), "publish instant").toBe(seconds(Date.parse(row.publishDate === ZERO ? date! : row.publishDate!)));
    if (row.date !== ZERO) {
      expect(seconds(Date.parse(post!.date.length === 10 ? `${post!.date}T00:00:00Z` : post!.date)), "date").toBe(seconds(Date.parse(row.date!)));
      // The calendar day the author meant, in the site's zone, is the one on the page.
      expect(post!.date.slice(0, 10)).toBe(row.date!.slice(0, 10));
    }
    expect(isPublic(post!, CLOCK), "Hugo built it, so it is public").toBe(true);
    if (row.expiryDate !== ZERO) expect(post!.expiresAt).toBe(Date.parse(row.expiryDate!));
  });

  it("leaves out exactly the pages Hugo left out: drafts, future and expired posts (and refuses draft: yes)", () => {
    const left = DATE_FILES.filter((file) => !pages.has(file));
    expect(left.sort()).toEqual([
      "dates/toml-draft-string.md",
      "dates/yaml-draft-string-true.md",
      "dates/yaml-draft-true.md",
      "dates/yaml-draft-yes.md",
      "dates/yaml-expired.md",
      "dates/yaml-future-date.md",
      "dates/yaml-future-publishdate.md",
      "dates/yaml-unpublishdate-expired.md",
    ]);
    for (const file of left) {
      const { post, issues } = parseProbe(file, timeZone);
      if (file.endsWith("draft-yes.md")) {
        // Hugo's YAML 1.1 reads `yes` as true; Folio refuses it rather than guess (a stricter, safe choice).
        expect(issues.map(formatIssue)).toContain("dates/yaml-draft-yes.md:4: draft: must be true or false (unquoted)");
        continue;
      }
      expect(post, file).toBeDefined();
      expect(isPublic(post!, CLOCK), file).toBe(false);
    }
  });
});

describe("Hugo's lenient readings, said out loud", () => {
  it('reads draft: "true" and "false" as Hugo does, with a warning naming the line', () => {
    const yes = parseProbe("dates/yaml-draft-string-true.md");
    expect(yes.post?.draft).toBe(true);
    expect(yes.issues.map(formatIssue)).toContain('dates/yaml-draft-string-true.md:4: draft: is the string "true", read as true as Hugo reads it; write true without quotes');
    expect(parseProbe("dates/yaml-draft-string-false.md").post?.draft).toBe(false);
    expect(parseProbe("dates/toml-draft-string.md").post?.draft).toBe(true);
  });

  it("reads a numeric title and numeric or boolean terms as text (Hugo: title 2024, terms 2024, true, foo)", () => {
    expect(parseProbe("dates/yaml-numeric-title.md").post?.title).toBe("2024");
    const { post } = parsePostFile("tax/t.md", Buffer.from("---\ntitle: 2024\ndate: 2019-01-01\ntags: [2024, true, foo]\n---\n"));
    expect(post?.tags).toEqual(["2024", "true", "foo"]);
  });

  it("dates a post with no date at all from its file name (Folio's leniency; Hugo would date it 0001-01-01)", () => {
    const { post, issues } = parseProbe("dates/2008-05-12-dated-filename.md");
    expect(post?.date).toBe("2008-05-12");
    expect(issues.map(formatIssue)).toContain("dates/2008-05-12-dated-filename.md: date: is not set; the date in the file name (2008-05-12) is used");
    // A date in the front matter wins, as in Hugo; the slug keeps the prefix, as Hugo's URL does.
    expect(parseProbe("dates/2008-05-13-dated-filename-with-date.md").post).toMatchObject({ date: "2010-01-01", slug: "2008-05-13-dated-filename-with-date" });
  });

  it("dates a post with no date and no dated file name 0001-01-01, as Hugo does, with a warning", () => {
    const { post, issues } = parseProbe("dates/yaml-no-date.md");
    expect(post?.date).toBe("0001-01-01");
    expect(post?.publishedAt).toBe(Date.parse(ZERO));
    expect(issues.some((i) => i.field === "date" && i.severity === "warning")).toBe(true);
  });

  it("reads keys without case and every spelling of a date field", () => {
    const { post } = parsePostFile("p/x.md", Buffer.from("---\nTitle: T\nDate: 2019-06-01\nPublishDate: 2019-06-02\nUnpublishDate: 2030-01-01\nModified: 2019-07-01\n---\n"));
    expect(post).toMatchObject({ title: "T", date: "2019-06-01", lastmod: "2019-07-01", publishedAt: Date.UTC(2019, 5, 2), expiresAt: Date.UTC(2030, 0, 1) });
  });
});

describe("slugs and file names (Hugo keeps `_` and `--` in its URLs; Folio spells them hyphenated and redirects)", () => {
  it.each([
    ["urls/CamelCase.md", "camelcase", "CamelCase"],
    ["urls/My Post_Name--Here.md", "my-post-name-here", "My Post_Name--Here"],
    ["urls/café-été.md", "cafe-ete", "café-été"],
    ["urls/with.dots.v1.2.md", "with-dots-v1-2", "with.dots.v1.2"],
    ["urls/legacy.markdown", "legacy", undefined],
    ["urls/Bundle_Caps/index.md", "bundle-caps", "Bundle_Caps"],
    ["urls/slugged.md", "my-custom-slug-x", "My Custom_Slug--X"],
  ])("%s: slug %s", (file, slug, written) => {
    const { post } = parseProbe(file);
    expect(post?.slug).toBe(slug);
    expect(post?.slugAsWritten).toBe(written);
  });

  it("keeps url and aliases as written, for the site side to route", () => {
    expect(parseProbe("urls/url-abs.md").post?.url).toBe("/Some/Where/Else");
    expect(parseProbe("urls/aliased.md").post?.aliases).toEqual(["/old/one/", "/Old/Two.html", "relative-alias", "/old/three"]);
    expect(parseProbe("urls/Bundle_Caps/index.md").post).toMatchObject({ bundle: "urls/Bundle_Caps", section: "urls" });
  });
});

describe("typos never publish a post", () => {
  it.each([
    ["drfat: true", "drfat", "draft"],
    ["feautred: true", "feautred", "featured"],
    ["pubishdate: 2099-01-01", "pubishdate", "publishDate"],
    ["expirydat: 2020-01-01", "expirydat", "expiryDate"],
    ["Dratf: true", "Dratf", "draft"],
    // Any value the field takes, written otherwise.
    ["drfat: yes", "drfat", "draft"],
    ["ctaa: 1", "ctaa", "cta"],
    ["dat: 2019-03-05 10:00:00 +0100", "dat", "date"],
    ["titl: 1999", "titl", "title"],
  ])("%s is an error naming the probable field", (line, key, field) => {
    const { post, issues } = parsePostFile("posts/t.md", Buffer.from(`---\ntitle: T\ndate: 2019-01-01\n${line}\n---\n`));
    expect(post).toBeUndefined();
    expect(issues.map(formatIssue)).toContain(
      `posts/t.md:4: ${key}: is not a field; did you mean '${field}'? A misspelt field is an error so that a typo never publishes a post`,
    );
  });

  it.each([
    ["data: {source: survey.csv}", "data", "date"],
    ["data: see the appendix", "data", "date"],
    ["cat: Tech", "cat", "cta"],
    ["drafts: [one, two]", "drafts", "draft"],
    ["urls: {home: /}", "urls", "url"],
  ])("%s, a value the field never takes, is the site's own key: a warning, and the post loads", (line, key, field) => {
    const { post, issues } = parsePostFile("posts/t.md", Buffer.from(`---\ntitle: T\ndate: 2019-01-01\n${line}\n---\n`));
    expect(post).toMatchObject({ title: "T", draft: false });
    expect(issues.map(formatIssue)).toContain(`posts/t.md:4: ${key}: is not a field; did you mean '${field}'? (ignored: its value is not one '${field}' takes)`);
  });

  it("warns, naming the field, for a near-miss of a field that decides nothing public (keyword for keywords)", () => {
    const { post, issues } = parsePostFile("posts/t.md", Buffer.from("---\ntitle: T\ndate: 2019-01-01\nkeyword: [a]\n---\n"));
    expect(post).toBeDefined();
    expect(issues.map(formatIssue)).toContain("posts/t.md:4: keyword: is not a field; did you mean 'keywords'? (ignored)");
  });

  it("never warns for Hugo's standard fields or the site's taxonomies", () => {
    const fm = ["title: T", "date: 2019-01-01", "description: d", "layout: x", "type: post", "linkTitle: L", "series: [s]", "resources: []", "outputs: [html]", "cascade: {}", "params: {x: 1}", "menu: main", "sitemap: {priority: 1}", "headless: false", "translationKey: k", "markup: md", "isCJKLanguage: false", "build: {list: never}", "FRtags: [x]"];
    const { issues } = parsePostFile("posts/t.md", Buffer.from(`---\n${fm.join("\n")}\n---\n`), { taxonomies: ["tags", "categories", "frtags"] });
    expect(issues).toEqual([]);
  });
});

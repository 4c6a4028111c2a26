import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSite } from "./hugo-site";
import { siteFiles } from "@/tests/site-files";

const FIXTURES = path.join(__dirname, "../../tests/fixtures");
const fixture = (name: string) => {
  const read = readSite(path.join(FIXTURES, "hugo", name));
  if (!read.ok) throw new Error(read.error);
  return read.site;
};

const siteDir = (files: Record<string, string>) => siteFiles(files, "folio-site-");

// Expected values are read off each fixture's own configuration file by hand (and Hugo's documented defaults).
describe("readSite on real Hugo sites", () => {
  it("reads a root hugo.toml: title, baseURL, params, taxonomies, raw HTML, the default language's content", () => {
    const site = fixture("coder");
    expect(site).toMatchObject({
      kind: "hugo",
      configFiles: ["hugo.toml"],
      title: "johndoe",
      baseURL: "http://www.example.com",
      basePath: "",
      description: "John Doe's personal website",
      author: "John Doe",
      taxonomies: { category: "categories", series: "series", tag: "tags", author: "authors" },
      unsafeHtml: true,
      contentDir: "content",
      defaultLanguage: "en",
      languages: ["en", "pt-br"],
      permalinks: {},
      uglyURLs: false,
    });
    expect(site.mainSections).toBeUndefined();
  });

  it("reads config.yml with a sub-path baseURL and per-language taxonomies (the default language's)", () => {
    const site = fixture("papermod");
    expect(site).toMatchObject({ title: "PaperMod", basePath: "/hugo-PaperMod", taxonomies: { category: "categories", tag: "tags", series: "series" }, languages: ["en", "fr", "fa"] });
    // `mainsections` at the top level is not where Hugo 0.111 reads it (params.mainSections): ignored, as by Hugo.
    expect(site.mainSections).toBeUndefined();
  });

  it("reads [Params] mainSections and author.name case-insensitively", () => {
    expect(fixture("beautifulhugo")).toMatchObject({ mainSections: ["post", "recipe"], author: "Some Person", baseURL: "http://localhost:1313/" });
  });

  it("merges config/_default/*.yaml, each file under its own key", () => {
    const site = fixture("linkerd");
    expect(site.configFiles).toContain("config/_default/permalinks.yaml");
    expect(site).toMatchObject({ title: "Linkerd", baseURL: "https://linkerd.io/", permalinks: { blog: "/:year/:month/:day/:slug/" }, unsafeHtml: true, disableKinds: ["taxonomy", "term"], pagerSize: 10 });
    expect(site.description).toMatch(/^Linkerd is an ultralight service mesh/);
  });

  it("follows a module mount onto content (content/en) and reads per-section permalinks", () => {
    expect(fixture("fluxcd")).toMatchObject({ contentDir: "content/en", permalinks: { blog: "/:section/:year/:month/:slug/" }, baseURL: "/" });
  });

  it("reads the default language's contentDir from languages.en.toml, uglyURLs per section, and no time zone from [security]", () => {
    const site = fixture("letsencrypt");
    expect(site).toMatchObject({ contentDir: "content/en", otherContentDirs: [{ lang: "fr", dir: "content/fr" }], uglyURLs: { post: true }, permalinks: { post: "/:year/:month/:day/:slug/" } });
    // Its `timezone` line sits under [security] in the TOML, where Hugo does not read it either.
    expect(site.timeZone).toBeUndefined();
    expect([site.headingIds, site.rtlLanguages]).toEqual(["blackfriday", []]);
    expect(fixture("coder").headingIds).toBe("github");
    expect(fixture("papermod").rtlLanguages).toEqual(["fa"]);
  });

  it("is Folio's own site, with today's defaults, where there is no Hugo configuration", () => {
    const read = readSite(path.join(FIXTURES, "site"));
    expect(read.ok && read.site).toMatchObject({ kind: "folio", taxonomies: { topic: "topics", tag: "tags" }, unsafeHtml: false, configFiles: [], mainSections: ["posts"] });
  });
});

describe("readSite errors name the file and the key", () => {
  it("an unreadable file", () => {
    const read = readSite(siteDir({ "hugo.toml": 'title = "x\n' }));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/^hugo\.toml: could not be read/);
  });

  it("a bad value, in the file that set it", () => {
    const read = readSite(siteDir({ "hugo.toml": 'title = "x"\n', "config/_default/params.yaml": "x: 1\n", "config/_default/hugo.yaml": "timeZone: Mars/Olympus\n" }));
    expect(!read.ok && read.error).toBe("config/_default/hugo.yaml: timezone: must be an IANA time zone such as Europe/Oslo");
  });

  it("a heading id style Hugo does not know is github, as Hugo 0.111.3 makes it (a probe built with `GitHub`)", () => {
    for (const value of ["GitHub", "gitlab"]) {
      const read = readSite(siteDir({ "hugo.toml": `[markup.goldmark.parser]\nautoHeadingIDType = "${value}"\n` }));
      expect(read.ok && read.site.headingIds, value).toBe("github");
    }
  });

  it("a content folder outside the site", () => {
    const read = readSite(siteDir({ "hugo.yaml": "contentDir: ../elsewhere\n" }));
    expect(!read.ok && read.error).toMatch(/^hugo\.yaml: contentDir: '\.\.\/elsewhere' must be a folder inside the site/);
  });

  it("a time zone that is one is kept", () => {
    const read = readSite(siteDir({ "config.toml": 'timeZone = "America/Los_Angeles"\n[markup.goldmark.renderer]\nunsafe = true\n' }));
    expect(read.ok && read.site).toMatchObject({ timeZone: "America/Los_Angeles", unsafeHtml: true, taxonomies: { tag: "tags", category: "categories" } });
  });
});

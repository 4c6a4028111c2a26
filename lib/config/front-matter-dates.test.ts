import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFrontMatterSetting } from "./front-matter-dates";
import { readSite } from "./hugo-site";

// How Hugo 0.111.3 reads the setting (resources/page/pagemeta/page_frontmatter.go): keys and entries in any case,
// `:default` replaced by its own list, each field followed by its other spellings. What the lists do to URLs is
// tested against Hugo's output in lib/content/configured-dates.test.ts.

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function site(config: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-fmsetting-"));
  temps.push(dir);
  writeFileSync(path.join(dir, "hugo.toml"), config);
  return readSite(dir);
}

describe("readFrontMatterSetting", () => {
  it("expands :default into Hugo's list for that date and keeps the others Hugo's defaults", () => {
    const { dates, warnings } = readFrontMatterSetting({ date: [":FileName", ":default"] });
    expect(dates.date).toEqual([":filename", "date", "publishdate", "pubdate", "published", "lastmod", "modified"]);
    expect(dates.publishDate).toEqual(["publishdate", "pubdate", "published", "date"]);
    expect(dates.lastmod).toEqual([":git", "lastmod", "modified", "date", "publishdate", "pubdate", "published"]);
    expect(dates.expiryDate).toEqual(["expirydate", "unpublishdate"]);
    expect(warnings).toEqual([]);
  });

  it("warns for a written :git and an unknown token, not for :git in a :default", () => {
    expect(readFrontMatterSetting({ lastmod: [":default"] }).warnings).toEqual([]);
    expect(readFrontMatterSetting({ date: ":git :nosuch :fileModTime" }).warnings).toEqual([
      "':git' is not supported (Folio reads no Git history): skipped, as Hugo skips it without enableGitInfo",
      "':nosuch' is not a token Hugo knows (:default, :filename, :fileModTime, :git): skipped, as Hugo skips it",
    ]);
  });
});

describe("the [frontmatter] table of a Hugo config", () => {
  it("is read in any case, with the file it is in", () => {
    const read = site('[frontMatter]\nDate = [":filename", ":default"]\n');
    expect(read.ok && read.site.frontMatter?.dates.date[0]).toBe(":filename");
    expect(read.ok && read.site.frontMatter?.file).toBe("hugo.toml");
  });

  it("is absent from a site without it", () => {
    const read = site('title = "x"\n');
    expect(read.ok && read.site.frontMatter).toBeUndefined();
  });

  it("refuses a list that is not one, naming the file and key", () => {
    expect(site("[frontmatter]\ndate = 3\n")).toEqual({ ok: false, error: 'hugo.toml: frontmatter.date: must be a list such as [":filename", ":default"]' });
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as api from "./front-matter-edit";
import { setFrontMatterBoolean, verifyOnlyKeyChanged } from "./front-matter-edit";

const FIXTURES = join(__dirname, "../../tests/fixtures/front-matter");
const BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.md`), "utf8");
}

/** The LF fixture as written, plus the variants Windows editors produce. */
function variants(lf: string): Record<string, string> {
  const crlf = lf.replaceAll("\n", "\r\n");
  return { LF: lf, CRLF: crlf, BOM: `\uFEFF${lf}`, "BOM+CRLF": `\uFEFF${crlf}` };
}

function edited(source: string, value: boolean, key = "featured") {
  const result = setFrontMatterBoolean(source, key, value);
  if (!result.ok) throw new Error(`expected an edit, got: ${result.error}`);
  return result;
}

function refusal(source: string, value = true): string {
  const result = setFrontMatterBoolean(source, "featured", value);
  if (result.ok) throw new Error("expected a refusal, got an edit");
  return result.error;
}

/** The lines (terminator included) that differ between two same-length texts, by index. */
function changedLines(before: string, after: string): { index: number; before: string; after: string }[] {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [{ index, before: line, after: b[index]! }]));
}

function frontMatterOf(source: string): Record<string, unknown> {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const close = lines.indexOf("---", 1);
  return parse(lines.slice(1, close).join("\n"), { schema: "core" }) as Record<string, unknown>;
}

const EDITABLE = ["plain", "commented", "missing-featured", "body-mentions-featured", "block-scalar", "capitalized"];
const FEATURED_FALSE = ["plain", "commented", "block-scalar", "capitalized"];

describe("the public API", () => {
  it("exports exactly the two edit functions", () => {
    const functions = Object.entries(api).filter(([, v]) => typeof v === "function").map(([k]) => k);
    expect(functions.sort()).toEqual(["setFrontMatterBoolean", "verifyOnlyKeyChanged"]);
  });

  it("reads fixtures written with LF only and no BOM, so the variants below really differ", () => {
    for (const name of EDITABLE) expect(fixture(name)).not.toMatch(/\r|\uFEFF/);
  });
});

describe("setFrontMatterBoolean: surgical edits", () => {
  it("rewrites only the value token on the featured line", () => {
    const result = edited(fixture("plain"), true);
    expect(result).toMatchObject({ changed: true, previous: false });
    expect(changedLines(fixture("plain"), result.source)).toEqual([
      { index: 8, before: "featured: false\n", after: "featured: true\n" },
    ]);
  });

  it("keeps comments, blank lines and a trailing comment on the featured line", () => {
    const result = edited(fixture("commented"), true);
    expect(changedLines(fixture("commented"), result.source)).toEqual([
      { index: 4, before: "featured: false # pinned for launch week\n", after: "featured: true # pinned for launch week\n" },
    ]);
    expect(result.source).toContain("# Kept by hand: the admin must not reflow this file.\n");
    expect(result.source).toContain("draft: false   # flip when the edit is done\n");
    expect(result.source).toContain("  - travel   # primary\n");
  });

  it("keeps `featured: false # why` as `featured: true # why`", () => {
    const source = "---\ntitle: T\nfeatured: false # why\n---\nBody\n";
    expect(edited(source, true).source).toBe("---\ntitle: T\nfeatured: true # why\n---\nBody\n");
  });

  it("keeps the key order", () => {
    const result = edited(fixture("commented"), true);
    expect(Object.keys(frontMatterOf(result.source))).toEqual(["title", "draft", "featured", "date", "topics", "tags"]);
  });

  it("keeps CRLF line endings: every line still ends in \\r\\n and only one line differs", () => {
    const crlf = variants(fixture("plain")).CRLF!;
    const after = edited(crlf, true).source;
    expect(after.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(after.split("\r\n")).toHaveLength(crlf.split("\r\n").length);
    expect(changedLines(crlf, after)).toEqual([{ index: 8, before: "featured: false\r\n", after: "featured: true\r\n" }]);
  });

  it("keeps a BOM, once, at the very start", () => {
    const after = Buffer.from(edited(variants(fixture("plain")).BOM!, true).source, "utf8");
    expect(after.subarray(0, 3).equals(BOM_BYTES)).toBe(true);
    expect(after.subarray(3, 6).toString("latin1")).toBe("---");
    expect(after.toString("utf8")).toBe(`\uFEFF${fixture("plain").replace("featured: false", "featured: true")}`);
  });

  it("keeps the spacing around the colon and the author's casing", () => {
    const result = edited(fixture("capitalized"), true);
    expect(changedLines(fixture("capitalized"), result.source)).toEqual([
      { index: 2, before: "featured : False\n", after: "featured : True\n" },
    ]);
  });

  it("edits a quoted key and adds before a `...` closing fence", () => {
    expect(edited("---\n\"featured\": false\n---\n", true).source).toBe("---\n\"featured\": true\n---\n");
    expect(edited("---\ntitle: T\n...\nBody\n", true).source).toBe("---\ntitle: T\nfeatured: true\n...\nBody\n");
  });

  it("returns the identical string when the value is already set", () => {
    const source = fixture("plain");
    const result = edited(source, false);
    expect(result).toEqual({ ok: true, source, changed: false, previous: false });
  });
});

describe("setFrontMatterBoolean: a missing key", () => {
  it("adds one `featured: true` line just before the closing fence", () => {
    const result = edited(fixture("missing-featured"), true);
    expect(result).toMatchObject({ changed: true, previous: undefined });
    expect(result.source).toBe(
      "---\ntitle: A post nobody has featured yet\ndate: 2025-09-01\ndraft: false\ntags: [one, two]\nfeatured: true\n---\n\nBody text.\n",
    );
  });

  it("adds the line with the file's CRLF ending", () => {
    const crlf = variants(fixture("missing-featured")).CRLF!;
    const after = edited(crlf, false).source;
    expect(after).toContain("tags: [one, two]\r\nfeatured: false\r\n---\r\n");
    expect(after.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("leaves the added line behind after toggling twice (documented: exact round trips need the key present)", () => {
    const source = fixture("missing-featured");
    const back = edited(edited(source, true).source, false);
    expect(back.previous).toBe(true);
    expect(back.source).toBe(source.replace("tags: [one, two]\n", "tags: [one, two]\nfeatured: false\n"));
  });
});

describe("setFrontMatterBoolean: lines that only look like the key", () => {
  it("never touches `featured:` lines in the body, even after a `---` rule", () => {
    const source = fixture("body-mentions-featured");
    for (const value of [true, false]) {
      const result = edited(source, value);
      expect(result).toMatchObject({ changed: true, previous: undefined });
      expect(result.source).toBe(source.replace("date: 2025-08-15\n", `date: 2025-08-15\nfeatured: ${value}\n`));
    }
  });

  it("never reads or touches `featured: true` inside block scalars or nested maps", () => {
    const source = fixture("block-scalar");
    expect(edited(source, false)).toEqual({ ok: true, source, changed: false, previous: false });
    const after = edited(source, true).source;
    expect(changedLines(source, after)).toEqual([{ index: 12, before: "featured: false\n", after: "featured: true\n" }]);
    const data = frontMatterOf(after);
    expect(data.description).toBe("A literal block that quotes front matter:\nfeatured: true\nand more text after it.\n");
    expect(data.seo).toEqual({ featured: true, image: "/og.png" });
    expect(data.featured).toBe(true);
  });
});

describe("setFrontMatterBoolean: refusals", () => {
  it("refuses a quoted boolean, which YAML reads as a string", () => {
    expect(refusal(fixture("quoted-true"))).toMatch(/line 3 is the quoted string "true", not a boolean/);
    expect(refusal("---\nfeatured: 'false'\n---\n")).toMatch(/quoted string 'false'/);
  });

  it("refuses YAML 1.1 spellings such as `yes`", () => {
    expect(refusal(fixture("yes"))).toMatch(/'featured' on line 3 is 'yes', not true or false/);
  });

  it("refuses a key set twice, naming both lines", () => {
    expect(refusal(fixture("duplicate"), false)).toMatch(/set more than once \(lines 3 and 5\)/);
  });

  it("refuses values that are not a single-line plain boolean, naming them", () => {
    expect(refusal("---\nfeatured: 1\n---\n")).toMatch(/is '1'/);
    expect(refusal("---\nfeatured:\n  - a\n---\n")).toMatch(/is empty or a block/);
    expect(refusal("---\nfeatured: # later\n---\n")).toMatch(/is empty or a block/);
    expect(refusal("---\nfeatured: !!bool true\n---\n")).toMatch(/is '!!bool true'/);
    expect(refusal("---\nfeatured: true\n  and more\n---\n", false)).toMatch(/'true' continued on the next line/);
  });

  it("refuses an unclosed or missing front matter", () => {
    expect(refusal(fixture("unclosed"))).toMatch(/never closed/);
    expect(refusal("title: no fences\n")).toMatch(/does not start with a '---' line/);
    expect(refusal("")).toMatch(/does not start with a '---' line/);
  });

  it("refuses front matter in other languages", () => {
    expect(refusal(fixture("js-fence"))).toMatch(/'---js' front matter is not YAML/);
    expect(refusal("---javascript\nfeatured: false\n---\n")).toMatch(/'---javascript'/);
    expect(refusal("---toml\nfeatured = false\n---\n")).toMatch(/'---toml'/);
  });

  it("refuses a lone carriage return in the front matter, which the loader would read as a line break", () => {
    expect(refusal("---\ntitle: a\r---\rfeatured: false\n---\n")).toMatch(/line 2 has a carriage return/);
  });

  it("refuses when the rest of the front matter is not valid YAML", () => {
    expect(refusal("---\ntitle: [unclosed\nfeatured: false\n---\n")).toMatch(/^the front matter is not valid YAML on line 3: Flow sequence/);
    expect(refusal("---\n- a list\n---\n")).toBe("the front matter is not a mapping of 'field: value' lines");
  });

  it("refuses, through the YAML re-check, a key spelled in a way the line editor does not see", () => {
    const explicit = "---\n? featured\n: false\n---\n";
    expect(refusal(explicit)).toMatch(/would not be surgical: after the edit, .*Map keys must be unique/);
  });

  it("refuses self-referencing anchors instead of recursing forever", () => {
    expect(refusal("---\nloop: &a { self: *a }\nfeatured: false\n---\n")).toMatch(/the value of 'loop' changed/);
  });

  it("refuses a key name that could not be written as a plain YAML key", () => {
    expect(setFrontMatterBoolean("---\n---\n", "feat ured", true)).toMatchObject({ ok: false });
    expect(setFrontMatterBoolean("---\n---\n", "a|b", true)).toMatchObject({ ok: false });
  });
});

describe("setFrontMatterBoolean: round trips and the one-line property", () => {
  for (const name of FEATURED_FALSE) {
    for (const [variant, source] of Object.entries(variants(fixture(name)))) {
      it(`${name} (${variant}): true then false gives back the original bytes`, () => {
        const on = edited(source, true);
        expect(on.changed).toBe(true);
        const off = edited(on.source, false);
        expect(off).toMatchObject({ changed: true, previous: true });
        expect(Buffer.from(off.source, "utf8").equals(Buffer.from(source, "utf8"))).toBe(true);
      });
    }
  }

  for (const name of EDITABLE) {
    for (const [variant, source] of Object.entries(variants(fixture(name)))) {
      for (const value of [true, false]) {
        it(`${name} (${variant}), featured: ${value}: the result differs from the original in one line at most`, () => {
          const result = edited(source, value);
          const before = source.split("\n");
          const after = result.source.split("\n");
          if (!result.changed) {
            expect(result.source).toBe(source);
          } else if (after.length === before.length) {
            const differing = before.flatMap((line, i) => (line === after[i] ? [] : [i]));
            expect(differing).toHaveLength(1);
            const i = differing[0]!;
            expect(before[i]).toMatch(value ? /^featured *: *false\b/i : /^featured *: *true\b/i);
            expect(after[i]).toMatch(value ? /^featured *: *true\b/i : /^featured *: *false\b/i);
            expect(after.toSpliced(i, 1)).toEqual(before.toSpliced(i, 1));
          } else {
            expect(after).toHaveLength(before.length + 1);
            const i = after.findIndex((line, j) => line !== before[j]);
            const eol = source.includes("\r\n") ? "\r" : "";
            expect(after[i]).toBe(`featured: ${value}${eol}`);
            expect(after[i + 1]).toBe(`---${eol}`);
            expect(after.toSpliced(i, 1)).toEqual(before);
          }
        });
      }
    }
  }
});

describe("verifyOnlyKeyChanged", () => {
  const source = fixture("plain");
  const toggled = source.replace("featured: false", "featured: true");

  it("accepts an edit that only sets the key", () => {
    expect(verifyOnlyKeyChanged(source, toggled, "featured", true)).toEqual({ ok: true });
    expect(verifyOnlyKeyChanged(source, toggled, "featured")).toEqual({ ok: true });
  });

  it("rejects a change to any other field", () => {
    const retitled = toggled.replace("How to win", "How to lose");
    expect(verifyOnlyKeyChanged(source, retitled, "featured", true)).toEqual({
      ok: false,
      error: "the value of 'title' changed",
    });
    const retagged = toggled.replace("[partnerships, strategy]", "[strategy, partnerships]");
    expect(verifyOnlyKeyChanged(source, retagged, "featured", true)).toMatchObject({ ok: false, error: /'topics'/ });
  });

  it("rejects reordered or dropped fields", () => {
    const reordered = toggled.replace("cta: true\n", "").replace("draft: false\n", "draft: false\ncta: true\n");
    expect(verifyOnlyKeyChanged(source, reordered, "featured", true)).toMatchObject({ ok: false, error: /other fields/ });
    const dropped = toggled.replace("cta: true\n", "");
    expect(verifyOnlyKeyChanged(source, dropped, "featured", true)).toMatchObject({ ok: false, error: /other fields/ });
  });

  it("rejects a change outside the front matter", () => {
    const rewritten = toggled.replace("table stakes", "everything");
    expect(verifyOnlyKeyChanged(source, rewritten, "featured", true)).toMatchObject({ ok: false, error: /outside/ });
    expect(verifyOnlyKeyChanged(source, `\uFEFF${toggled}`, "featured", true)).toMatchObject({ ok: false });
  });

  it("rejects a key that is not the intended boolean", () => {
    const quoted = source.replace("featured: false", 'featured: "true"');
    expect(verifyOnlyKeyChanged(source, quoted, "featured", true)).toEqual({
      ok: false,
      error: `'featured' reads as "true", not true`,
    });
    expect(verifyOnlyKeyChanged(source, toggled, "featured", false)).toMatchObject({ ok: false, error: /reads as true, not false/ });
    const removed = source.replace("featured: false\n", "");
    expect(verifyOnlyKeyChanged(source, removed, "featured")).toMatchObject({ ok: false, error: /reads as missing/ });
  });

  it("rejects an edit that breaks the YAML", () => {
    const broken = source.replace("featured: false", "featured: true\nfeatured: true");
    expect(verifyOnlyKeyChanged(source, broken, "featured", true)).toMatchObject({
      ok: false,
      error: "after the edit, the front matter is not valid YAML on line 10: Map keys must be unique",
    });
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyFrontMatter, readFrontMatter, replaceBody, setFrontMatterFields, verifyOnlyFieldChanged, type FieldValue } from ".";

const FIXTURES = join(__dirname, "../../../tests/fixtures/front-matter");

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name.includes(".") ? name : `${name}.md`), "utf8");
}

/** The LF fixture as written, plus the variants Windows editors produce. */
function variants(lf: string): Record<string, string> {
  const crlf = lf.replaceAll("\n", "\r\n");
  return { LF: lf, CRLF: crlf, BOM: `\uFEFF${lf}`, "BOM+CRLF": `\uFEFF${crlf}` };
}

function set(source: string, key: string, value: FieldValue | null) {
  const result = setFrontMatterFields(source, { [key]: value });
  if (!result.ok) throw new Error(`expected an edit, got: ${result.error}`);
  return result;
}

function refusal(source: string, key = "featured", value: FieldValue | null = true): string {
  const result = setFrontMatterFields(source, { [key]: value });
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.source)}`);
  return result.error;
}

/** The lines (terminator included) that differ between two same-length texts, by index. */
function changedLines(before: string, after: string): { index: number; before: string; after: string }[] {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [{ index, before: line, after: b[index]! }]));
}

function dataOf(source: string): Record<string, unknown> {
  const read = readFrontMatter(source);
  if (!read.ok) throw new Error(read.problems[0]!.message);
  return read.value.data;
}

const EDITABLE = ["plain", "commented", "missing-featured", "body-mentions-featured", "block-scalar", "capitalized"];
const FEATURED_FALSE = ["plain", "commented", "block-scalar", "capitalized"];

describe("YAML: the Featured toggle's edits", () => {
  it("reads fixtures written with LF only and no BOM, so the variants below really differ", () => {
    for (const name of EDITABLE) expect(fixture(name)).not.toMatch(/\r|\uFEFF/);
  });

  it("rewrites only the value token, keeping a trailing comment, the spacing and the author's casing", () => {
    expect(set("---\nfeatured:   false # why\n---\n", "featured", true).source).toBe("---\nfeatured:   true # why\n---\n");
    expect(set("---\nFeatured: FALSE\n---\n", "featured", true).source).toBe("---\nFeatured: TRUE\n---\n");
    expect(set("---\n\"featured\": False\n...\n", "featured", true).source).toBe("---\n\"featured\": True\n...\n");
  });

  it("returns the identical string, unchanged, when the value is already set", () => {
    const source = fixture("plain");
    expect(setFrontMatterFields(source, { featured: false })).toEqual({ ok: true, source, changed: false, previous: { featured: false } });
  });

  it("adds an absent key as one line just before the closing fence, with the file's line ending", () => {
    const source = fixture("missing-featured");
    expect(set(source, "featured", true).source).toBe(source.replace("tags: [one, two]\n", "tags: [one, two]\nfeatured: true\n"));
    const crlf = source.replaceAll("\n", "\r\n");
    expect(set(crlf, "featured", true).source).toBe(crlf.replace("tags: [one, two]\r\n", "tags: [one, two]\r\nfeatured: true\r\n"));
  });

  it("leaves the added line behind after toggling twice (exact round trips need the key present)", () => {
    const source = fixture("missing-featured");
    const back = set(set(source, "featured", true).source, "featured", false);
    expect(back.previous).toEqual({ featured: true });
    expect(back.source).toBe(source.replace("tags: [one, two]\n", "tags: [one, two]\nfeatured: false\n"));
  });

  it("never touches `featured:` lines in the body, even after a `---` rule", () => {
    const source = fixture("body-mentions-featured");
    const result = set(source, "featured", true);
    expect(result.previous).toEqual({ featured: undefined });
    expect(result.source).toBe(source.replace("date: 2025-08-15\n", "date: 2025-08-15\nfeatured: true\n"));
  });

  it("never reads or touches `featured: true` inside block scalars or nested maps", () => {
    const source = fixture("block-scalar");
    const after = set(source, "featured", true).source;
    expect(changedLines(source, after)).toEqual([{ index: 12, before: "featured: false\n", after: "featured: true\n" }]);
    const data = dataOf(after);
    expect(data.description).toBe("A literal block that quotes front matter:\nfeatured: true\nand more text after it.\n");
    expect(data.seo).toEqual({ featured: true, image: "/og.png" });
  });

  it("writes a real boolean over a quoted string or a YAML 1.1 `yes` (the loader refuses those, the editor fixes them)", () => {
    expect(set(fixture("quoted-true"), "featured", false).source).toMatch(/\nfeatured: false\n/);
    expect(set(fixture("yes"), "featured", true).source).toMatch(/\nfeatured: true\n/);
    expect(set("---\nfeatured: # later\n---\n", "featured", true).source).toBe("---\nfeatured: true # later\n---\n");
  });

  for (const name of FEATURED_FALSE) {
    for (const [variant, source] of Object.entries(variants(fixture(name)))) {
      it(`${name} (${variant}): true then false gives back the original bytes, one line changed in between`, () => {
        const on = set(source, "featured", true);
        expect(changedLines(source, on.source)).toHaveLength(1);
        const off = set(on.source, "featured", false);
        expect(off.previous).toEqual({ featured: true });
        expect(Buffer.from(off.source, "utf8").equals(Buffer.from(source, "utf8"))).toBe(true);
      });
    }
  }
});

describe("refusals: the file is left alone and the reason is given", () => {
  it("refuses a key set twice, through the parser's own check", () => {
    expect(refusal(fixture("duplicate"), "featured", false)).toMatch(/line 5: invalid YAML: Map keys must be unique/);
    expect(refusal("---\nTitle: a\ntitle: b\n---\n", "title", "c")).toMatch(/'title' is set more than once \(lines 2 and 3\)/);
  });

  it("refuses an unclosed or missing front matter, and other languages", () => {
    expect(refusal(fixture("unclosed"))).toMatch(/never closed/);
    expect(refusal("title: no fences\n")).toMatch(/must start with front matter/);
    expect(refusal("")).toMatch(/must start with front matter/);
    expect(refusal(fixture("js-fence"))).toMatch(/'---js'\) is refused and never run/);
    expect(refusal("---ini\nfeatured = false\n---\n")).toMatch(/'---ini' front matter is not supported/);
  });

  it("refuses a lone carriage return in the front matter", () => {
    expect(refusal("---\ntitle: a\r---\rfeatured: false\n---\n")).toMatch(/line 2 has a carriage return/);
  });

  it("refuses when the rest of the front matter does not read", () => {
    expect(refusal("---\ntitle: [unclosed\nfeatured: false\n---\n")).toMatch(/^line 3: invalid YAML: Flow sequence/);
    expect(refusal("---\n- a list\n---\n")).toBe("line 2: must be a mapping of 'field: value' lines");
    expect(refusal("---\nloop: &a { self: *a }\nfeatured: false\n---\n")).toMatch(/nested too deeply/);
  });

  it("refuses keys it cannot change in place: complex YAML keys, TOML tables and dotted keys", () => {
    expect(refusal("---\n? featured\n: false\n---\n")).toMatch(/edit it by hand/);
    expect(refusal("+++\ntitle = 'x'\n[params]\nfeatured = false\n+++\n", "params", "x")).toMatch(/'params' on line 3 .* edit it by hand/);
    expect(refusal("+++\nparams.featured = false\n+++\n", "params", "x")).toMatch(/edit it by hand/);
  });

  it("refuses a key name that could not be written plainly, and values no format holds", () => {
    expect(refusal("---\n---\n", "feat ured")).toMatch(/not a plain front-matter field name/);
    expect(refusal("---\n---\n", "a|b")).toMatch(/not a plain/);
    expect(refusal("---\n---\n", "weight", Number.NaN)).toMatch(/cannot be written/);
  });

  it("changes nothing when a later change of several is refused", () => {
    const source = fixture("plain");
    expect(setFrontMatterFields(source, { featured: true, "bad key": 1 })).toMatchObject({ ok: false });
  });
});

describe("TOML (+++)", () => {
  const toml = '+++\n# a comment\ntitle = "Hello" # trailing\ndate = 2019-03-05T10:00:00+01:00\ntags = [\n  "a", # first\n  "b",\n]\ndraft = false\n\n[params]\nfeatured = true\n+++\nBody\n';

  it("replaces a string, a boolean, a date and a multi-line list in place, comments and table kept", () => {
    const out = setFrontMatterFields(toml, { title: 'Say "hi"', draft: true, date: "2020-01-02", tags: ["x", "y"] });
    expect(out).toMatchObject({ ok: true });
    if (!out.ok) return;
    expect(out.source).toBe('+++\n# a comment\ntitle = "Say \\"hi\\"" # trailing\ndate = 2020-01-02\ntags = [\n  "x",\n  "y",\n]\ndraft = true\n\n[params]\nfeatured = true\n+++\nBody\n');
    expect(dataOf(out.source)).toMatchObject({ date: "2020-01-02", params: { featured: true } });
  });

  it("adds a field at the end of the root table, before the first [table]", () => {
    expect(set(toml, "slug", "hello").source).toContain('draft = false\nslug = "hello"\n\n[params]');
    expect(set("+++\n[params]\nx = 1\n+++\n", "title", "T").source).toBe('+++\ntitle = "T"\n[params]\nx = 1\n+++\n');
    expect(set("+++\n+++\n", "weight", 2).source).toBe("+++\nweight = 2\n+++\n");
  });

  it("keeps a literal string literal, and writes a date field unquoted where the file does", () => {
    expect(set("+++\ntitle = 'Plain'\n+++\n", "title", "New").source).toBe("+++\ntitle = 'New'\n+++\n");
    expect(set("+++\ndate = \"2019-01-01\"\n+++\n", "date", "2019-02-02").source).toBe('+++\ndate = "2019-02-02"\n+++\n');
    expect(set("+++\ntitle = 'x'\n+++\n", "publishDate", "2019-02-02").source).toBe("+++\ntitle = 'x'\npublishDate = 2019-02-02\n+++\n");
  });

  it("removes a multi-line value whole", () => {
    expect(set(toml, "tags", null).source).toBe(toml.replace('tags = [\n  "a", # first\n  "b",\n]\n', ""));
  });
});

describe("JSON ({…})", () => {
  const json = '{\n  "title": "Hello",\n  "tags": ["a", "b"],\n  "draft": false\n}\n\nBody\n';

  it("replaces, adds after the last field with its indentation, and removes with the right comma", () => {
    expect(set(json, "title", "Bye").source).toBe(json.replace('"Hello"', '"Bye"'));
    expect(set(json, "weight", 3).source).toBe(json.replace('"draft": false\n', '"draft": false,\n  "weight": 3\n'));
    expect(set(json, "draft", null).source).toBe(json.replace(',\n  "draft": false', ""));
    expect(set(json, "title", null).source).toBe(json.replace('"title": "Hello",\n  ', ""));
    expect(set("{}\n", "title", "T").source).toBe('{\n  "title": "T"\n}\n');
  });

  it("reads and edits CRLF JSON with a BOM", () => {
    const crlf = `\uFEFF${json.replaceAll("\n", "\r\n")}`;
    expect(set(crlf, "weight", 1).source).toBe(crlf.replace('"draft": false\r\n', '"draft": false,\r\n  "weight": 1\r\n'));
  });
});

describe("a new file", () => {
  it("starts from an empty front matter in any format and takes fields and a body", () => {
    const expected = {
      yaml: "---\ntitle: New post\ndraft: true\ntags: [a, b]\n---\nHello\n",
      toml: '+++\ntitle = "New post"\ndraft = true\ntags = ["a", "b"]\n+++\nHello\n',
      json: '{\n  "title": "New post",\n  "draft": true,\n  "tags": ["a", "b"]\n}\nHello\n',
    } as const;
    for (const format of ["yaml", "toml", "json"] as const) {
      const fields = setFrontMatterFields(emptyFrontMatter(format), { title: "New post", draft: true, tags: ["a", "b"] });
      if (!fields.ok) throw new Error(fields.error);
      const body = replaceBody(fields.source, "Hello\n");
      expect(body).toMatchObject({ ok: true, source: expected[format] });
    }
  });
});

describe("replaceBody", () => {
  it("keeps every front-matter byte and writes the body with the file's line endings", () => {
    const source = `\uFEFF${fixture("plain").replaceAll("\n", "\r\n")}`;
    const result = replaceBody(source, "New body\n\nTwo\n");
    expect(result).toMatchObject({ ok: true, changed: true });
    if (!result.ok) return;
    const split = source.indexOf("---\r\n", 4) + 5;
    expect(result.source).toBe(`${source.slice(0, split)}New body\r\n\r\nTwo\r\n`);
  });
});

describe("verifyOnlyFieldChanged", () => {
  const source = fixture("plain");
  const before = readFrontMatter(source);
  if (!before.ok) throw new Error("plain.md must read");
  const fm = before.value;
  const toggled = source.replace("featured: false", "featured: true");
  const check = (after: string, value: FieldValue | null = true) => verifyOnlyFieldChanged(fm, source, after, "featured", value);

  it("accepts an edit that only sets the key", () => {
    expect(check(toggled)).toBeUndefined();
  });

  it("rejects a change to any other field, a reordering or a dropped field", () => {
    expect(check(toggled.replace("How to win", "How to lose"))).toBe("the value of 'title' changed");
    expect(check(toggled.replace("[partnerships, strategy]", "[strategy, partnerships]"))).toMatch(/'topics'/);
    expect(check(toggled.replace("cta: true\n", "").replace("draft: false\n", "draft: false\ncta: true\n"))).toMatch(/other fields/);
    expect(check(toggled.replace("cta: true\n", ""))).toMatch(/other fields/);
  });

  it("rejects a change outside the front matter, a BOM included", () => {
    expect(check(toggled.replace("table stakes", "everything"))).toMatch(/outside/);
    expect(check(`\uFEFF${toggled}`)).toMatch(/outside/);
  });

  it("rejects a key that does not read back as the value", () => {
    expect(check(source.replace("featured: false", 'featured: "true"'))).toBe(`'featured' reads back as "true", not true`);
    expect(check(toggled, false)).toMatch(/reads back as true, not false/);
    expect(check(toggled, null)).toMatch(/still there/);
    expect(check(source.replace("featured: false", "featured: true\nfeatured: true"))).toMatch(/Map keys must be unique/);
  });
});

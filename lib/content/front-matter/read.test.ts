import { describe, expect, it } from "vitest";
import { MAX_FRONT_MATTER_BYTES, readFrontMatter, setFrontMatterFields, splitFrontMatter, type FrontMatterProblem } from ".";

function data(text: string): Record<string, unknown> {
  const read = readFrontMatter(text);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value.data;
}

function problems(text: string): FrontMatterProblem[] {
  const read = readFrontMatter(text);
  if (read.ok) throw new Error(`expected problems, read ${JSON.stringify(read.value.data)}`);
  return read.problems;
}

describe("splitFrontMatter: the three formats Hugo reads", () => {
  it("finds YAML, TOML and bare JSON, with the body's first line", () => {
    expect(splitFrontMatter("---\na: 1\n---\nbody")).toMatchObject({ format: "yaml", startLine: 2, bodyLine: 4, eol: "\n" });
    expect(splitFrontMatter("+++\na = 1\n+++\nbody")).toMatchObject({ format: "toml", startLine: 2, bodyLine: 4 });
    expect(splitFrontMatter('{\n"a": 1\n}\nbody')).toMatchObject({ format: "json", startLine: 1, bodyLine: 4 });
    expect(splitFrontMatter("---json\n{\"a\": 1}\n---\nbody")).toMatchObject({ format: "json", bodyLine: 4 });
    expect(splitFrontMatter("---toml\na = 1\n---\nbody")).toMatchObject({ format: "toml", bodyLine: 4 });
    expect(splitFrontMatter("---yaml\na: 1\n...\nbody")).toMatchObject({ format: "yaml", bodyLine: 4 });
  });

  it("gives indices into the text as written, BOM and CRLF included", () => {
    const text = "\uFEFF+++\r\na = 1\r\n+++\r\nbody\r\n";
    const split = splitFrontMatter(text);
    expect(split).toMatchObject({ format: "toml", bom: true, eol: "\r\n" });
    if ("message" in split) return;
    expect(text.slice(split.start, split.end)).toBe("a = 1\r\n");
    expect(text.slice(split.bodyStart)).toBe("body\r\n");
  });

  it("ends bare JSON at its matching brace, braces in strings ignored", () => {
    const text = '{"title": "a } b", "x": {"y": [1]}}\nBody {not json}\n';
    const split = splitFrontMatter(text);
    if ("message" in split) throw new Error(split.message);
    expect(text.slice(split.start, split.end)).toBe('{"title": "a } b", "x": {"y": [1]}}');
    expect(text.slice(split.bodyStart)).toBe("Body {not json}\n");
  });

  it("refuses unclosed fences, naming the fence, and never runs JavaScript", () => {
    expect(splitFrontMatter("+++\na = 1\n")).toEqual({ message: "the front matter opened on line 1 is never closed by a '+++' line", line: 1 });
    expect(splitFrontMatter('{"a": 1\n')).toMatchObject({ message: /never closed by a matching '}'/ });
    for (const language of ["js", "javascript", "JS", "coffee"]) {
      expect(splitFrontMatter(`---${language}\nmodule.exports = {}\n---\n`)).toMatchObject({ message: /refused and never run/, line: 1 });
    }
  });
});

describe("readFrontMatter: values", () => {
  it("keeps dates as the author wrote them in every format", () => {
    expect(data("---\ndate: 2019-03-05 10:00:00 +0100\nd2: 2019-03-05\n---\n")).toEqual({ date: "2019-03-05 10:00:00 +0100", d2: "2019-03-05" });
    expect(data("+++\ndate = 2019-03-05T10:00:00.123456+01:00\nd2 = 2019-03-05\nd3 = 1979-05-27 07:32:00\n+++\n")).toEqual({
      date: "2019-03-05T10:00:00.123456+01:00",
      d2: "2019-03-05",
      d3: "1979-05-27 07:32:00",
    });
    expect(data('{"date": "2019-03-05T8:09:26"}')).toEqual({ date: "2019-03-05T8:09:26" });
  });

  it("reads YAML on the core schema: `yes` is a string, nothing is a Date or evaluated", () => {
    expect(data("---\na: yes\nb: !!js/function 'function () { return 1 }'\n---\n")).toEqual({ a: "yes", b: "function () { return 1 }" });
  });

  it("reads TOML tables as nested data and turns their dates into strings too", () => {
    expect(data("+++\ntitle = 'x'\n[params]\nwhen = 2020-01-01\n[[resources]]\nsrc = 'a.png'\n+++\n")).toEqual({
      title: "x",
      params: { when: "2020-01-01" },
      resources: [{ src: "a.png" }],
    });
  });
});

describe("readFrontMatter: the same limits and line numbers in every format", () => {
  it("puts syntax errors on their file line", () => {
    expect(problems("---\ntitle: x\nbad: [1\n---\n")[0]).toMatchObject({ line: 4, field: "front matter", message: /invalid YAML/ });
    expect(problems("+++\ntitle = 'x'\nbad = [1\n+++\n")[0]).toMatchObject({ line: 4, field: "front matter", message: /invalid TOML/ });
    expect(problems('{\n  "title": "x",\n  "bad": [1,}\n}\n')[0]).toMatchObject({ line: 3, field: "front matter", message: /invalid JSON/ });
  });

  it("refuses a key given twice, at the second one", () => {
    expect(problems("---\na: 1\na: 2\n---\n")[0]).toMatchObject({ line: 3, message: /unique/ });
    expect(problems("+++\na = 1\na = 2\n+++\n")[0]).toMatchObject({ line: 3 });
    expect(problems('{\n"a": 1,\n"a": 2\n}\n')[0]).toMatchObject({ line: 3, message: /'a' is set twice \(first on line 2\)/ });
  });

  it("refuses __proto__, constructor and prototype as fields", () => {
    expect(problems("---\n__proto__: {polluted: true}\n---\n")[0]).toMatchObject({ line: 2, field: "__proto__" });
    expect(problems('{"constructor": {"prototype": {}}}\n')[0]).toMatchObject({ line: 1, field: "constructor" });
    expect(problems("+++\n__proto__ = 1\n+++\n")[0]).toMatchObject({ line: 2, message: /not allowed/ });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses front matter over 16 KiB in every format, before parsing it", () => {
    const big = "x".repeat(MAX_FRONT_MATTER_BYTES);
    expect(problems(`---\na: ${big}\n---\n`)[0]!.message).toMatch(/the limit is 16384 bytes/);
    expect(problems(`+++\na = "${big}"\n+++\n`)[0]!.message).toMatch(/the limit is 16384 bytes/);
    expect(problems(`{"a": "${big}"}\n`)[0]!.message).toMatch(/the limit is 16384 bytes/);
    expect(problems(`{"a": "${big}"\n`)[0]!.message).toMatch(/the limit is 16384 bytes/);
  });

  it("refuses nesting deeper than front matter needs in every format", () => {
    const deepJson = `{"a": ${"[".repeat(40)}${"]".repeat(40)}}`;
    expect(problems(`${deepJson}\n`)[0]!.message).toMatch(/nested too deeply/);
    expect(problems(`+++\na = ${"[".repeat(40)}${"]".repeat(40)}\n+++\n`)[0]!.message).toMatch(/nested too deeply/);
    expect(problems(`---\na: ${"[".repeat(40)}${"]".repeat(40)}\n---\n`)[0]!.message).toMatch(/nested too deeply/);
  });

  it("refuses more than 50 YAML aliases", () => {
    const rows = ["a: &a x", ...Array.from({ length: 60 }, (_, i) => `k${i}: *a`)];
    expect(problems(`---\n${rows.join("\n")}\n---\n`)[0]!.message).toMatch(/alias/i);
  });

  it("refuses a front matter that is not a mapping, in every format", () => {
    expect(problems("---\n- a\n---\n")[0]).toMatchObject({ line: 2, message: /must be a mapping/ });
    expect(problems("---json\n[1]\n---\n")[0]).toMatchObject({ message: /must be a JSON object/ });
  });
});

describe("readFrontMatter: YAML that Hugo's reader accepts and YAML 1.2 does not", () => {
  // The values Hugo 0.111.3 printed for this front matter (.Description, .Params) on a probe site.
  const text = [
    "---",
    "title: T",
    'description: "This feature adds the ability on page',
    'through using custom \\"quoted\\" params."',
    "single: 'it''s",
    "next'",
    "---",
    "Body",
  ].join("\n");

  it("reads a quoted value continued on an unindented line as Hugo does, with a warning naming the line and field", () => {
    const read = readFrontMatter(text);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.data).toEqual({
      title: "T",
      description: 'This feature adds the ability on page through using custom "quoted" params.',
      single: "it's next",
    });
    expect(read.value.lenient?.map((p) => [p.line, p.field])).toEqual([[4, "description"], [6, "single"]]);
  });

  it("reads the same value from a file with CRLF line endings, and keeps its length", () => {
    const crlf = text.replace(/\n/g, "\r\n");
    const read = readFrontMatter(crlf);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.data.description).toBe('This feature adds the ability on page through using custom "quoted" params.');
    expect(read.value.data.single).toBe("it's next");
    expect(read.value.lenient?.map((p) => p.line)).toEqual([4, 6]);
  });

  it("keeps every field's place in the file, so an edit changes only its own line", () => {
    const edited = setFrontMatterFields(text, { title: "New" });
    if (!edited.ok) throw new Error(edited.error);
    expect(edited.source).toBe(text.replace("title: T", "title: New"));
  });

  it("still refuses such a value with a blank line inside it (joining would change it), or under a nested field", () => {
    expect(problems('---\ndescription: "one\n\ntwo"\n---\n')[0]?.message).toMatch(/^invalid YAML/);
    // Hugo reads this one as "first second"; joining would keep the line's indentation inside the value.
    expect(problems('---\nnested:\n  note: "first\n  second"\n---\n')[0]?.message).toMatch(/^invalid YAML/);
  });
});


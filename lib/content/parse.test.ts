import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, formatIssue, parsePostFile, type ContentIssue } from "./parse";
import { byNewest } from "./publish";

const FILES = path.join(__dirname, "../../tests/fixtures/content/files");
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function bytes(name: string): Buffer {
  return readFileSync(path.join(FILES, name));
}

/** Parses a fixture as if it were `posts/NAME` under CONTENT_DIR. */
function parseFixture(name: string, content: Buffer = bytes(name)) {
  return parsePostFile(`posts/${name}`, content);
}

function lines(issues: ContentIssue[], severity?: ContentIssue["severity"]): string[] {
  return issues.filter((i) => !severity || i.severity === severity).map(formatIssue);
}

const crlf = (b: Buffer) => Buffer.from(b.toString("utf8").replaceAll("\n", "\r\n"), "utf8");
const withBom = (b: Buffer) => Buffer.concat([BOM, b]);

afterEach(() => {
  delete (globalThis as Record<string, unknown>).PWNED;
});

describe("formatIssue", () => {
  it("prints path:line: field: message", () => {
    expect(formatIssue({ file: "posts/x.md", line: 4, field: "featured", message: "must be true", severity: "error" })).toBe(
      "posts/x.md:4: featured: must be true",
    );
  });

  it("leaves out the line when it is not known, and names the file when there is no field", () => {
    expect(formatIssue({ file: "posts/x.md", field: "slug", message: "m", severity: "error" })).toBe("posts/x.md: slug: m");
    expect(formatIssue({ file: "posts/x.md", message: "is empty", severity: "error" })).toBe("posts/x.md: file: is empty");
  });
});

describe("parsePostFile: a valid post", () => {
  const expected = {
    title: "Valid post",
    description: "Everything a post can carry.",
    date: "2025-10-22T23:30:00-05:00",
    lastmod: "2025-11-01",
    slug: "valid-post",
    aliases: [],
    topics: ["partnerships", "strategy"],
    tags: ["meetings"],
    categories: [],
    keywords: [],
    authors: [],
    images: [],
    taxonomies: { topics: ["partnerships", "strategy"], tags: ["meetings"], categories: [] },
    cta: true,
    featured: true,
    draft: false,
    file: "posts/valid.md",
    format: "md",
    frontMatter: "yaml",
    section: "posts",
    path: "/blog/valid-post",
    body: "\nFirst paragraph.\n\n## A section\n",
    bodyLine: 13,
    // 2025-10-22 23:30 at UTC-5 is 04:30 UTC on the 23rd.
    publishedAt: Date.UTC(2025, 9, 23, 4, 30),
    readingMinutes: 1,
  };

  it("reads every field, keeping dates as the strings the author wrote", () => {
    const { post, issues } = parseFixture("valid.md");
    expect(issues).toEqual([]);
    expect(post).toEqual({ ...expected, hash: createHash("sha256").update(bytes("valid.md")).digest("hex") });
  });

  it.each([
    ["CRLF", crlf],
    ["a UTF-8 BOM", withBom],
    ["a BOM and CRLF", (b: Buffer) => withBom(crlf(b))],
  ])("parses %s to the same post as the LF file", (_label, transform) => {
    const content = transform(bytes("valid.md"));
    const { post, issues } = parseFixture("valid.md", content);
    expect(issues).toEqual([]);
    expect(post).toEqual({ ...expected, hash: createHash("sha256").update(content).digest("hex") });
  });

  it("defaults optional fields and takes the slug from the file name", () => {
    const { post } = parseFixture("minimal.md");
    expect(post).toMatchObject({
      title: "Minimal",
      description: "",
      date: "2025-10-01",
      slug: "minimal",
      topics: [],
      tags: [],
      cta: false,
      featured: false,
      draft: false,
      format: "md",
      publishedAt: Date.UTC(2025, 9, 1),
    });
    expect(post?.lastmod).toBeUndefined();
  });

  it("takes the format and slug from the last path segment of an .mdx file", () => {
    const { post } = parsePostFile("posts/nested/my-mdx-post.mdx", bytes("minimal.md"));
    expect(post).toMatchObject({ slug: "my-mdx-post", format: "mdx", file: "posts/nested/my-mdx-post.mdx" });
  });

  it("accepts '...' as the closing line of the front matter", () => {
    const { post, issues } = parsePostFile("posts/dots.md", Buffer.from("---\ntitle: Dots\ndate: 2025-10-01\n...\nBody.\n"));
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(post).toMatchObject({ title: "Dots", body: "Body.\n", bodyLine: 5 });
  });

  it("accepts an explicit ---yaml fence", () => {
    const { post } = parsePostFile("posts/y.md", Buffer.from("---yaml\ntitle: Y\ndescription: d\ndate: 2025-10-01\n---\n"));
    expect(post?.title).toBe("Y");
  });

  it("estimates reading time at 230 words a minute, at least one", () => {
    const post = (words: number) =>
      parsePostFile("posts/r.md", Buffer.from(`---\ntitle: R\ndescription: d\ndate: 2025-10-01\n---\n${"word ".repeat(words)}`)).post;
    expect(post(10)?.readingMinutes).toBe(1);
    expect(post(460)?.readingMinutes).toBe(2);
    expect(post(575)?.readingMinutes).toBe(3); // 2.5 rounds up
  });
});

describe("parsePostFile: warnings leave the post in", () => {
  it("names an unknown field, with its line", () => {
    const { post, issues } = parsePostFile("posts/u.md", Buffer.from("---\ntitle: U\ndescription: d\ndate: 2025-10-01\nshowToc: true\n---\n"));
    expect(lines(issues)).toEqual(["posts/u.md:5: showToc: unknown field 'showToc' is ignored (check the spelling)"]);
    expect(issues[0]).toMatchObject({ severity: "warning", kind: "unknown-field" });
    expect(post).not.toHaveProperty("showToc");
  });

  it("warns when the description is missing", () => {
    const { post, issues } = parseFixture("minimal.md");
    expect(issues).toEqual([
      {
        file: "posts/minimal.md",
        field: "description",
        message: "is missing; it is used for search engines, social cards and feeds",
        severity: "warning",
        kind: "no-description",
      },
    ]);
    expect(post).toBeDefined();
  });

  it("warns about mojibake with the character that was probably meant", () => {
    const { post, issues } = parseFixture("mojibake.md");
    expect(lines(issues, "warning")).toEqual([
      'posts/mojibake.md:7: encoding: "â€”" looks like mis-decoded text; probably "—" (column 17)',
      'posts/mojibake.md:8: encoding: "Ã©" looks like mis-decoded text; probably "é" (column 8)',
    ]);
    expect(lines(issues, "error")).toEqual([]);
    expect(post).toBeDefined();
  });
});

describe("parsePostFile: errors", () => {
  it("collects every problem in a file, each with its line", () => {
    const { post, issues } = parseFixture("many-errors.md");
    expect(post).toBeUndefined();
    expect(lines(issues).sort()).toEqual([
      "posts/many-errors.md:2: title: must not be empty",
      "posts/many-errors.md:4: date: must be a date such as 2025-10-22 or 2025-10-22T12:19:01-05:00",
      "posts/many-errors.md:7: featured: must be true or false (unquoted)",
    ]);
    expect(issues.every((i) => i.severity === "error")).toBe(true);
  });

  it("never coerces yes or maybe to a boolean; reads a quoted \"true\" as Hugo does, with a warning", () => {
    const { post, issues } = parseFixture("bad-booleans.md");
    expect(post).toBeUndefined();
    expect(lines(issues, "error").sort()).toEqual([
      "posts/bad-booleans.md:4: featured: must be true or false (unquoted)",
      "posts/bad-booleans.md:5: draft: must be true or false (unquoted)",
    ]);
    expect(lines(issues, "warning")).toContain('posts/bad-booleans.md:6: cta: is the string "true", read as true as Hugo reads it; write true without quotes');
  });

  it("keeps the same line numbers in a CRLF file with a BOM", () => {
    const { issues } = parseFixture("bad-booleans.md", withBom(crlf(bytes("bad-booleans.md"))));
    expect(lines(issues, "error").sort()).toEqual([
      "posts/bad-booleans.md:4: featured: must be true or false (unquoted)",
      "posts/bad-booleans.md:5: draft: must be true or false (unquoted)",
    ]);
  });

  it.each([
    ["js-fence.md", "---js"],
    ["javascript-fence.md", "---javascript"],
    ["js-upper-fence.md", "---JS"],
  ])("refuses %s and never evaluates it", (name, fence) => {
    const { post, issues } = parseFixture(name);
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual([
      `posts/${name}:1: file: JavaScript front matter ('${fence}') is refused and never run; write YAML, TOML or JSON`,
    ]);
    expect((globalThis as Record<string, unknown>).PWNED).toBeUndefined();
  });

  it("refuses a JavaScript fence written with a space, and any other language", () => {
    const spaced = parsePostFile("posts/a.md", Buffer.from('--- js\n{ title: "x" }\n---\n'));
    expect(lines(spaced.issues)).toEqual([
      "posts/a.md:1: file: JavaScript front matter ('---js') is refused and never run; write YAML, TOML or JSON",
    ]);
    const ini = parsePostFile("posts/a.md", Buffer.from('---ini\ntitle = "x"\n---\n'));
    expect(lines(ini.issues)).toEqual(["posts/a.md:1: file: '---ini' front matter is not supported; write YAML ('---'), TOML ('+++') or JSON ('{')"]);
  });

  it("refuses a file that does not open with front matter", () => {
    expect(lines(parseFixture("no-front-matter.md").issues)).toEqual([
      "posts/no-front-matter.md:1: file: must start with front matter: a '---' line (YAML), a '+++' line (TOML) or a '{' (JSON)",
    ]);
  });

  it("refuses an unclosed fence", () => {
    const { post, issues } = parseFixture("unclosed.md");
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual(["posts/unclosed.md:1: file: the front matter opened on line 1 is never closed by a '---' line"]);
  });

  it.each(["list.md", "scalar.md"])("refuses front matter that is not a mapping (%s)", (name) => {
    const { post, issues } = parseFixture(name);
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual([`posts/${name}:2: front matter: must be a mapping of 'field: value' lines`]);
  });

  it("refuses duplicate keys, at the line of the second one", () => {
    const { post, issues } = parseFixture("duplicate-keys.md");
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual(["posts/duplicate-keys.md:4: front matter: invalid YAML: Map keys must be unique"]);
  });

  it("gives YAML syntax errors a line", () => {
    const { issues } = parsePostFile("posts/a.md", Buffer.from("---\ntitle: [unclosed\ndate: 2025-10-01\n---\n"));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: "front matter", severity: "error" });
    expect(issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(issues[0]?.line).toBeLessThanOrEqual(3);
    expect(issues[0]?.message).toMatch(/^invalid YAML: /);
  });

  it.each([
    ["proto.md", "__proto__"],
    ["constructor.md", "constructor"],
  ])("refuses %s and pollutes nothing", (name, key) => {
    const { post, issues } = parseFixture(name);
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual([`posts/${name}:4: ${key}: '${key}' is not allowed as a field name`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("refuses a YAML alias bomb by its alias count, before it expands", () => {
    // The message is the YAML library's maxAliasCount check, made as each alias is resolved; what the refusal costs
    // in CPU is a row of `npm run bench` (scripts/bench/hostile.mts).
    const { post, issues } = parseFixture("alias-bomb.md");
    expect(post).toBeUndefined();
    const errors = issues.filter((i) => i.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: "posts/alias-bomb.md", line: 2, field: "front matter" });
    expect(errors[0]?.message).toMatch(/^could not be read: Excessive alias count/);
  });

  it("refuses an empty file, and one that is only whitespace or a BOM", () => {
    const message = "posts/empty.md: file: is empty; a post needs front matter with at least a title and a date";
    expect(lines(parseFixture("empty.md").issues)).toEqual([message]);
    expect(lines(parseFixture("empty.md", Buffer.from(" \r\n\n\t")).issues)).toEqual([message]);
    expect(lines(parseFixture("empty.md", BOM).issues)).toEqual([message]);
  });

  it("refuses a NUL byte, naming its line", () => {
    const { post, issues } = parsePostFile("posts/nul.md", Buffer.from("---\ntitle: x\0\ndate: 2025-10-01\n---\n"));
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual(["posts/nul.md:2: file: contains a NUL byte; it looks like a binary file, not markdown"]);
  });

  it.each([
    ["Latin-1 é", Buffer.from([...Buffer.from("---\ntitle: caf"), 0xe9, ...Buffer.from("\ndate: 2025-10-01\n---\n")])],
    ["a lone 0xFF", Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a])],
    ["an overlong '/'", Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc0, 0xaf, 0x0a])],
    ["an encoded surrogate", Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xed, 0xa0, 0x80, 0x0a])],
    ["UTF-16 with a BOM", Buffer.from("\ufeff---\ntitle: x\n---\n", "utf16le")],
  ])("refuses bytes that are not UTF-8 (%s)", (_label, content) => {
    const { post, issues } = parsePostFile("posts/bin.md", content);
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual(["posts/bin.md: file: is not valid UTF-8; save it as UTF-8 text"]);
  });

  it("refuses more than 1 MiB without decoding it", () => {
    expect(MAX_FILE_BYTES).toBe(1_048_576);
    const { post, issues } = parsePostFile("posts/big.md", Buffer.alloc(MAX_FILE_BYTES + 1, "a"));
    expect(post).toBeUndefined();
    expect(lines(issues)).toEqual(["posts/big.md: file: is 1048577 bytes; the limit is 1048576 bytes (1 MiB)"]);
  });

  it("spells a file name that is not a slug as one, and says the old spelling redirects", () => {
    const { post, issues } = parsePostFile("posts/My Post.md", bytes("minimal.md"));
    expect(post).toMatchObject({ slug: "my-post", slugAsWritten: "My Post" });
    expect(lines(issues, "warning")).toContain("posts/My Post.md: slug: 'My Post' is served as 'my-post'; the old spelling redirects");
    const named = parsePostFile("posts/My Post.md", Buffer.from("---\ntitle: T\ndescription: d\ndate: 2025-10-01\nslug: my-post\n---\n"));
    expect(named.post?.slug).toBe("my-post");
  });
});

describe("parsePostFile: dates with offsets", () => {
  it("keeps the author's offset and sorts by the instant", () => {
    const late = parseFixture("offset-late.md").post!;
    const early = parseFixture("offset-early.md").post!;
    expect(late.date).toBe("2025-10-22T23:30:00-05:00");
    expect(early.date).toBe("2025-10-23T01:00:00+02:00");
    expect(late.publishedAt).toBe(Date.UTC(2025, 9, 23, 4, 30));
    expect(early.publishedAt).toBe(Date.UTC(2025, 9, 22, 23, 0));
    // The 23rd in Paris is earlier than the 22nd in Chicago: newest first puts Chicago first.
    expect([early, late].sort(byNewest).map((p) => p.slug)).toEqual(["offset-late", "offset-early"]);
  });
});

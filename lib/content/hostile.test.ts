import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseDocument } from "yaml";
import { ALIAS_BOMBS, DEEP_BODIES, DEEP_FRONT_MATTER, DEEP_JSX, MDX_ATTACKS, VALID as valid, anchoredKeys, bodiesAtLimit, fm, writeHostilePosts } from "../../tests/fixtures/hostile/inputs";
import { setFrontMatterFields } from "./front-matter";
import { invalidateContentIndex, loadContentIndex } from "./load";
import { MAX_BODY_NESTING } from "./nesting";
import { MAX_FILE_BYTES, MAX_FRONT_MATTER_BYTES, formatIssue, parsePostFile, type ContentIssue } from "./parse";
import { renderPost, type MdxComponents, type RenderedPost } from "./render";
import { renderMarkdown } from "./render/pipeline";

// The hostile-content battery: each input an attacker or an accident could put in CONTENT_DIR is refused with a
// message naming the file, the line where known, the field and, where a limit refused it, that limit. The single
// cases parse.test.ts already pins (one alias bomb, one NUL, Latin-1, …) are not repeated here; their variants are.
// No clocks here: what each refusal costs in CPU is a row of `npm run bench` (scripts/bench/hostile.mts), which
// measures these same inputs (tests/fixtures/hostile/inputs.ts).

// The real YAML parser, watched: the size cap's test shows it is never called for front matter over the cap.
vi.mock("yaml", async (importOriginal) => {
  const yaml = await importOriginal<typeof import("yaml")>();
  return { ...yaml, parseDocument: vi.fn(yaml.parseDocument) };
});

const SAMPLE_SITE = path.join(__dirname, "../../tests/fixtures/site");
const parse = (name: string, content: string | Buffer) => parsePostFile(`posts/${name}`, typeof content === "string" ? Buffer.from(content) : content);

const errors = (issues: ContentIssue[]) => issues.filter((i) => i.severity === "error").map(formatIssue);

function expectRefused(name: string, content: string | Buffer, message: RegExp) {
  const { post, issues } = parse(name, content);
  expect(post, `${name} was accepted`).toBeUndefined();
  const lines = errors(issues);
  expect(lines.length, `${name}: ${lines.join(" | ")}`).toBeGreaterThan(0);
  expect(lines.some((line) => message.test(line)), `${name}: ${lines.join(" | ")}`).toBe(true);
  for (const line of lines) expect(line.startsWith(`posts/${name}`.replaceAll("\n", "\\u000a"))).toBe(true);
  return lines;
}

function expectPrototypeClean() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.prototype).not.toHaveProperty("isAdmin");
  expect(Array.prototype).not.toHaveProperty("polluted");
}

describe("hostile front matter: alias bombs", () => {
  it.each(ALIAS_BOMBS)("%s is refused by the alias limit, before it expands, naming the front matter", (name, content) => {
    // The YAML library's maxAliasCount (MAX_ALIASES) is checked as each alias is resolved, before its value is
    // used: this message is that check's, so the bomb never grew.
    const lines = expectRefused(name, content, /front matter: could not be read: /);
    expect(lines).toEqual([`posts/${name}:2: front matter: could not be read: Excessive alias count indicates a resource exhaustion attack`]);
  });

  it("refuses a self-referencing anchor without looping", () => {
    // The cycle never expands: it reads as nesting deeper than any front matter needs.
    expectRefused("cycle.md", fm(`${valid}\ntags: &a [*a]`), /cycle\.md:2: front matter: is nested too deeply/);
  });

  it("does not treat `<<` as a merge key that could pull in a bomb", () => {
    const { post, issues } = parse("merge.md", fm(`${valid}\nbase: &b {featured: true}\n<<: *b`));
    // Core-schema YAML has no merge keys: `<<` is an unknown field, and featured stays false.
    expect(post?.featured).toBe(false);
    expect(issues.map(formatIssue)).toContain("posts/merge.md:6: <<: unknown field '<<' is ignored (check the spelling)");
  });
});

describe("hostile front matter: deep nesting", () => {
  it.each(DEEP_FRONT_MATTER)("%s (5,000 levels) is refused", (name, content) => {
    // Nested too deeply, or (for the flow mapping, 25 KB) over the front-matter cap before YAML even starts.
    expectRefused(name, content, /front matter: (is nested too deeply|invalid YAML)|file: the front matter is \d+ bytes/);
  });

  it("says in plain words that the nesting is too deep", () => {
    const lines = expectRefused("deep.md", fm(`title: ${"[".repeat(5000)}${"]".repeat(5000)}\ndate: 2025-10-01`), /nested too deeply/);
    expect(lines[0]).toBe("posts/deep.md:2: front matter: is nested too deeply to read; front matter needs a level or two at most");
  });

  it("refuses block nesting by indentation, which cannot reach 5,000 levels under the size caps", () => {
    const levels = Array.from({ length: 5000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
    expect(Buffer.byteLength(levels)).toBeGreaterThan(MAX_FILE_BYTES);
    expectRefused("indented.md", fm(`${valid}\nextra:\n${levels} x`), /is \d+ bytes; the limit is 1048576 bytes/);
    const fits = Array.from({ length: 150 }, (_, i) => `${" ".repeat(i + 1)}a:`).join("\n");
    expectRefused("indented-150.md", fm(`${valid}\ntopics:\n${fits} x`), /:2: front matter: is nested too deeply/);
  });

  it("refuses front matter over 16 KiB before YAML parses it, and accepts it at the limit", () => {
    expect(MAX_FRONT_MATTER_BYTES).toBe(16 * 1024);
    const over = anchoredKeys(MAX_FRONT_MATTER_BYTES + 1);
    vi.mocked(parseDocument).mockClear();
    expectRefused("huge.md", fm(over), new RegExp(`huge.md:2: file: the front matter is ${Buffer.byteLength(over)} bytes; the limit is 16384 bytes`));
    expect(parseDocument).not.toHaveBeenCalled();

    // Just under the cap, thousands of keys with anchors: the parser reads them (what its quadratic key checks cost
    // there is a benchmark row), and the featured editor, which parses the front matter several times, edits them.
    const under = anchoredKeys(MAX_FRONT_MATTER_BYTES - 100).split("\n").slice(0, -1).join("\n");
    const { post } = parse("many-keys.md", fm(under));
    expect(parseDocument).toHaveBeenCalledTimes(1);
    expect(post?.title).toBe("T");
    const edit = setFrontMatterFields(fm(under), { featured: true });
    if (!edit.ok) throw new Error(edit.error);
    expect(parse("many-keys.md", edit.source).post?.featured).toBe(true);
  });
});

describe("hostile front matter: keys that reach for the prototype", () => {
  afterEach(expectPrototypeClean);

  it.each([
    ["quoted-proto.md", `${valid}\n"__proto__": {polluted: true}`, "__proto__"],
    ["single-quoted-proto.md", `${valid}\n'__proto__':\n  polluted: true`, "__proto__"],
    ["prototype.md", `${valid}\nprototype: {polluted: true}`, "prototype"],
    ["constructor-prototype.md", `${valid}\nconstructor:\n  prototype:\n    polluted: true`, "constructor"],
  ])("%s is refused by name", (name, yaml, key) => {
    expectRefused(name, fm(yaml), new RegExp(`:\\d+: ${key}: '${key}' is not allowed as a field name`));
  });

  it("lets nested __proto__ keys pollute nothing, and keeps them out of the post", () => {
    const { post, issues } = parse("nested-proto.md", fm(`${valid}\nextra:\n  __proto__: {polluted: true, isAdmin: true}\n  constructor: {prototype: {polluted: true}}`));
    expect(errors(issues)).toEqual([]);
    expect(post).toBeDefined();
    expect(post).not.toHaveProperty("extra");
    expect((post as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("refuses __proto__ inside a list field", () => {
    expectRefused("proto-in-list.md", fm(`${valid}\ntopics:\n  - __proto__: {polluted: true}`), /topics\.0: /);
  });
});

describe("hostile front matter: shapes that are not a post", () => {
  it.each([
    ["string.md", "just a sentence"],
    ["number.md", "42"],
    ["null.md", "~"],
    ["nested-list.md", "- - title: T"],
    ["block-scalar.md", "|\n  title: T"],
  ])("%s is refused as not a mapping", (name, yaml) => {
    expectRefused(name, fm(yaml), /:2: front matter: must be a mapping of 'field: value' lines/);
  });

  it("refuses empty front matter, naming the missing title (a missing date is Hugo's 0001-01-01, with a warning)", () => {
    const lines = expectRefused("bare.md", "---\n---\nBody\n", /title: is required/);
    expect(lines).toEqual(["posts/bare.md: title: is required and must be a string"]);
  });

  it.each([
    ["dup-quoted.md", `${valid}\n"title": Other`],
    ["dup-featured.md", `${valid}\nfeatured: false\nfeatured: true`],
    ["dup-case-trick.md", `${valid}\ndraft: true\n'draft': false`],
  ])("%s: a key given twice is refused at the second one", (name, yaml) => {
    expectRefused(name, fm(yaml), /front matter: invalid YAML: Map keys must be unique/);
  });

  it.each([
    ["js-function.md", `${valid}\ncta: !!js/function "function () { globalThis.FOLIO_PWNED = 1 }"`],
    ["js-undefined.md", `${valid}\ncta: !!js/undefined ''`],
    ["python-object.md", `${valid}\ncta: !!python/object/apply:os.system ["touch /tmp/pwned"]`],
  ])("%s: language-specific tags are never run", (name, yaml) => {
    const { post } = parse(name, fm(yaml));
    expect(post).toBeUndefined();
    expect((globalThis as Record<string, unknown>).FOLIO_PWNED).toBeUndefined();
  });
});

describe("hostile slugs and file names", () => {
  // Whatever a slug or file name holds, the post's slug is letters, digits and single hyphens, at most 200 long,
  // so it can never name another path, escape a folder or forge a line of a report; or the file is refused.
  const SAFE = /^[\p{Ll}\p{Lm}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lm}\p{Lo}\p{N}]+)*$/u;

  function expectSafe(name: string, content: string) {
    const { post, issues } = parse(name, content);
    if (!post) return expectRefused(name, content, /: slug: /);
    expect(post.slug).toMatch(SAFE);
    expect(post.slug.length).toBeLessThanOrEqual(200);
    expect(errors(issues)).toEqual([]);
    return [post.slug];
  }

  it.each([
    ["../../etc/passwd", "etc-passwd"],
    ["..%2f..%2fetc%2fpasswd", "2f-2fetc-2fpasswd"],
    ["/etc/passwd", "etc-passwd"],
    ["C:\\\\Windows", "c-windows"],
    ["a/b", "a-b"],
    ["a\\0b", "a-b"],
    ["%2e%2e", "2e-2e"],
    ["a\\nb", "a-b"],
    ["-leading", "leading"],
    ["ｅｖｉｌ", "evil"],
  ])("makes the front-matter slug %j safe: %j", (slug, expected) => {
    expect(expectSafe("slug.md", fm(`${valid}\nslug: "${slug}"`))).toEqual([expected]);
  });

  it.each(["..", ".", "x".repeat(1000) + "/"])("refuses the front-matter slug %j, which leaves no safe slug", (slug) => {
    expectRefused("slug.md", fm(`${valid}\nslug: "${slug}"`), /slug\.md:5: slug: (.* has no letters or digits|is \d+ characters long; the limit is 200)/);
  });

  it.each(["%2e%2e%2fetc.md", "a%2fb.md", "a%00b.md", "white space.md", "UPPER.md", "-x.md", "é.md"])("makes the file name %j a safe slug when no slug is set", (name) => {
    expectSafe(name, fm(valid));
  });

  it("prints a file name holding a newline on one line, so it cannot forge a second report line", () => {
    const { post, issues } = parse("x\nposts/y.md:1: title: forged.md", fm(valid));
    expect(post?.slug).toBe("y-md-1-title-forged");
    const [line] = issues.filter((i) => i.field === "slug").map(formatIssue);
    expect(line).not.toContain("\n");
    expect(line).toMatch(/^posts\/x\\u000aposts\/y\.md:1: title: forged\.md: slug: 'y\.md:1: title: forged' is served as/);
  });
});

describe("hostile bodies", () => {
  const deep = (name: string, body: string, line: number) => {
    const lines = expectRefused(name, fm(valid, `\n${body}\n`), /body: .*nest about \d+ levels deep here; the limit is 100/);
    expect(lines[0]).toMatch(new RegExp(`^posts/${name.replace(".", "\\.")}:${line}: body: `));
  };

  it.each(DEEP_BODIES)("%s: block nesting thousands deep, which would exhaust the renderer's stack, is refused", (name, body) => {
    // Line 7: after the opening fence, three fields, the closing fence and a blank line. Indented, the 101st level
    // is the list item indented by 200 columns, on body line 101.
    deep(name, body, name === "indented-lists.md" ? 7 + MAX_BODY_NESTING : 7);
  });

  it.each(DEEP_JSX)("%s: JSX nested a thousand deep is refused in MDX", (name, body) => {
    expectRefused(name, fm(valid, `\n${body}\n`), /body: block quotes, lists and JSX elements nest about 101 levels deep here; the limit is 100/);
  });

  it("accepts nesting at the limit, and renders every level of it", async () => {
    for (const { body, blockquotes, lists } of bodiesAtLimit(MAX_BODY_NESTING)) {
      const { post } = parse("at-limit.md", fm(valid, `\n${body}\n`));
      expect(post).toBeDefined();
      const { html } = await renderMarkdown(post!.body);
      expect(html.match(/<blockquote>/g)?.length ?? 0).toBe(blockquotes);
      expect(html.match(/<ul>/g)?.length ?? 0).toBe(lists);
    }
  });

  it("does not count indentation inside fenced code, or tags inside code spans, as nesting", () => {
    const code = ["```python", ...Array.from({ length: 30 }, (_, i) => `${" ".repeat(i * 8)}if x:`), "```"].join("\n");
    const inline = "`<div>`".repeat(500);
    expect(errors(parse("code.mdx", fm(valid, `\n${code}\n\n${inline}\n`)).issues)).toEqual([]);
  });
});

describe("hostile MDX: code that tries to run", () => {
  const components: MdxComponents = {
    Callout: (props: { type?: string; children?: ReactNode }) => createElement("aside", { "data-callout": props.type }, props.children),
    Cta: () => createElement("div", { "data-cta": "" }, "cta"),
  };
  const g = globalThis as Record<string, unknown>;
  let counter = 0;
  const mdx = (body: string) => {
    const { post } = parsePostFile("posts/hostile.mdx", Buffer.from(fm(valid, `\n${body}\n`)));
    expect(post).toBeDefined();
    return { ...post!, hash: `hostile-${++counter}` };
  };
  const markup = (rendered: RenderedPost) => ("html" in rendered ? rendered.html : renderToStaticMarkup(rendered.content));

  beforeEach(() => delete g.FOLIO_MDX_PWNED);
  afterEach(() => delete g.FOLIO_MDX_PWNED);
  // The render worker's start (its thread, Shiki's grammars) is paid once, within the hook's generous limit.
  beforeAll(async () => {
    await renderPost(mdx("Warm."), components);
  }, 120_000);

  it.each(MDX_ATTACKS)("stops %s", async (_label, body) => {
    let html = "";
    try {
      html = markup(await renderPost(mdx(body), components));
    } catch (error) {
      // Refusing to compile is also a way to stop it; the point is that nothing ran.
      expect((error as Error).message).toBeTruthy();
    }
    expect(g.FOLIO_MDX_PWNED).toBeUndefined();
    expect(html).not.toMatch(/<script|<svg|child_process|execSync|FOLIO_MDX_PWNED|constructor|toString|__proto__/i);
  });

  it("takes unsafe URLs and handlers off inert HTML, however they are spelled", async () => {
    const body = [
      '<a href="&#106;avascript:alert(1)">entity</a>',
      '<a href="java&#x09;script:alert(1)">tab</a>',
      '<a href="JaVaScRiPt&colon;alert(1)">colon</a>',
      '<img src="x" onError="alert(1)" alt="img" />',
      '<details open onToggle="alert(1)"><summary>s</summary>d</details>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
      '<a href={"javascript:alert(1)"}>expr</a>',
      '<object data="x.swf" /><embed src="x.swf" /><base href="https://evil.test/" /><meta httpEquiv="refresh" content="0;url=https://evil.test" /><link rel="stylesheet" href="https://evil.test/x.css" /><style>{"body{display:none}"}</style><form action="https://evil.test"><button>go</button></form><iframe srcDoc="<script>alert(1)</script>" />',
    ].join("\n\n");
    // React hoists a preload hint for every <img>; it names the same (safe) src, so it is taken out before looking.
    const html = markup(await renderPost(mdx(body), components)).replace('<link rel="preload" as="image" href="x"/>', "");
    expect(html).not.toMatch(/javascript|data:text|onerror|ontoggle|alert|<object|<embed|<base|<meta|<link|<style|<form|<iframe|<button|evil\.test/i);
    expect(html).toContain('<img src="x" alt="img"/>');
    expect(html).toContain("<a>entity</a>");
  });

  it("treats every construct in a .md post as text or drops it", async () => {
    const { html } = await renderMarkdown(
      ["<javascript:alert(1)>", "", "{globalThis.FOLIO_MDX_PWNED = 1}", "", 'import x from "y"', "", "<Callout onClick={alert(1)} />", "", "[x](vbscript:msgbox)"].join("\n"),
    );
    expect(g.FOLIO_MDX_PWNED).toBeUndefined();
    expect(html).not.toMatch(/href="(javascript|vbscript)|<callout|onclick/i);
    expect(html).toContain("{globalThis.FOLIO_MDX_PWNED = 1}");
  });
});

describe("a CONTENT_DIR full of hostile files", () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function contentDir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "folio-hostile-"));
    temps.push(dir);
    cpSync(SAMPLE_SITE, dir, { recursive: true });
    return dir;
  }

  beforeEach(() => invalidateContentIndex());

  it("refuses each one with a message naming it, and loads every other post exactly as without them", async () => {
    const clean = await loadContentIndex(contentDir());
    invalidateContentIndex();

    const dir = contentDir();
    const outside = mkdtempSync(path.join(os.tmpdir(), "folio-outside-"));
    temps.push(outside);
    const expected = writeHostilePosts(path.join(dir, "posts"), outside, MAX_FILE_BYTES);

    const index = await loadContentIndex(dir);

    const refused = new Set(index.files.filter((f) => !f.post).map((f) => f.file));
    expect([...refused].sort()).toEqual(expected.map((name) => `posts/${name}`).sort());
    for (const file of refused) {
      const report = index.files.find((f) => f.file === file)!;
      expect(errors(report.issues).length, file).toBeGreaterThan(0);
      for (const line of errors(report.issues)) expect(line.startsWith(`${file}`)).toBe(true);
    }
    // Every other post is exactly what it is without the hostile files: same files, same bytes, same order.
    expect(index.posts.map((p) => [p.slug, p.file, p.hash])).toEqual(clean.posts.map((p) => [p.slug, p.file, p.hash]));
    expect(index.posts.map((p) => p.slug)).not.toContain("secret");
    // The costly ones are refused by the limit meant for them, named in the message: the 1 MiB cap, the alias
    // count, the front matter's nesting and the body's.
    const refusal = (name: string) => errors(index.files.find((f) => f.file === `posts/${name}`)!.issues).join(" | ");
    expect(refusal("huge.md")).toMatch(/^posts\/huge\.md: file: is 1048577 bytes; the limit is 1048576 bytes/);
    expect(refusal("bomb.md")).toMatch(/^posts\/bomb\.md:2: front matter: could not be read: Excessive alias count/);
    expect(refusal("deep-flow.md")).toMatch(/^posts\/deep-flow\.md:2: front matter: is nested too deeply to read/);
    expect(refusal("deep-block.md")).toMatch(/^posts\/deep-block\.md:\d+: front matter: is nested too deeply to read/);
    expect(refusal("deep-quotes.md")).toMatch(new RegExp(`^posts/deep-quotes\\.md:7: body: .* the limit is ${MAX_BODY_NESTING}$`));
    expectPrototypeClean();
  });

  it("refuses every file when the posts folder itself is a symbolic link out of CONTENT_DIR", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "folio-hostile-"));
    temps.push(dir);
    const elsewhere = contentDir();
    symlinkSync(path.join(elsewhere, "posts"), path.join(dir, "posts"));
    const index = await loadContentIndex(dir);
    expect(index.posts).toEqual([]);
    expect(index.files.length).toBeGreaterThan(0);
    for (const report of index.files) expect(errors(report.issues)).toEqual([`${report.file}: file: is reached through a symbolic link that leaves CONTENT_DIR; refused`]);
  });
});

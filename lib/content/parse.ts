import { createHash } from "node:crypto";
import { LineCounter, isMap, isScalar, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { findMojibake } from "./mojibake";
import { MAX_BODY_NESTING, findDeepNesting } from "./nesting";
import { KNOWN_FIELDS, frontMatterSchema, isValidSlug, normalizeIsoDate, type Post } from "./schema";
import { CLOSING_FENCE } from "./fences";

/** One problem with one content file, printed as `file:line: field: message`. */
export const contentIssueSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  field: z.string().optional(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
});

export type ContentIssue = z.infer<typeof contentIssueSchema>;

export type ParseResult = { post?: Post; issues: ContentIssue[] };

/** Files larger than this are refused before they are read. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Front matter longer than this is refused before YAML sees it. Real front matter is well under 4 KiB; the YAML
 * parser's duplicate-key and anchor checks grow with the square of the key count, so this bounds its work.
 */
export const MAX_FRONT_MATTER_BYTES = 16 * 1024;
// Real front matter uses none; a few allow shared lists, far fewer than it takes to expand to gigabytes.
const MAX_ALIASES = 50;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const WORDS_PER_MINUTE = 230;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Formats an issue the way `content:check`, the build and the admin print it: one line, always. Control characters
 * (a newline in a file name) are escaped, so a hostile name cannot forge a second line of the report.
 */
export function formatIssue(issue: ContentIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.field ?? "file"}: ${issue.message}`.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

type Split = { yaml: string; body: string; bodyLine: number };

/** Splits `---` front matter from the body. Refuses any front matter that is not YAML, JavaScript above all. */
function splitFrontMatter(text: string, issue: (message: string, line?: number) => void): Split | undefined {
  const lines = text.split("\n");
  const opening = /^---[ \t]*([A-Za-z]*)[ \t]*$/.exec(lines[0] ?? "");
  if (!opening) {
    issue("must start with a '---' line opening the YAML front matter", 1);
    return undefined;
  }
  const language = opening[1]!.toLowerCase();
  if (language === "js" || language === "javascript") {
    issue(`JavaScript front matter ('---${opening[1]}') is refused and never run; write YAML between '---' lines`, 1);
    return undefined;
  }
  if (language !== "" && language !== "yaml") {
    issue(`'---${opening[1]}' front matter is not supported; write YAML between '---' lines`, 1);
    return undefined;
  }
  const close = lines.findIndex((line, i) => i > 0 && CLOSING_FENCE.test(line));
  if (close === -1) {
    issue("the front matter opened on line 1 is never closed by a '---' line", 1);
    return undefined;
  }
  const yaml = lines.slice(1, close).join("\n");
  const size = Buffer.byteLength(yaml);
  if (size > MAX_FRONT_MATTER_BYTES) {
    issue(`the front matter is ${size} bytes; the limit is ${MAX_FRONT_MATTER_BYTES} bytes (16 KiB)`, 2);
    return undefined;
  }
  return { yaml, body: lines.slice(close + 1).join("\n"), bodyLine: close + 2 };
}

/** The 1-based file line of each top-level key (front matter starts on line 2). */
function keyLines(doc: Document, counter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && pair.key.range) {
      lines.set(String(pair.key.value), counter.linePos(pair.key.range[0]).line + 1);
    }
  }
  return lines;
}

function decode(bytes: Buffer, issue: (message: string, line?: number) => void): string | undefined {
  if (bytes.length > MAX_FILE_BYTES) {
    issue(`is ${bytes.length} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)`);
    return undefined;
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    issue("is not valid UTF-8; save it as UTF-8 text");
    return undefined;
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    issue("contains a NUL byte; it looks like a binary file, not markdown", text.slice(0, nul).split("\n").length);
    return undefined;
  }
  // A BOM and CRLF line endings are common from Windows editors; neither changes the content.
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") {
    issue("is empty; a post needs front matter with at least a title and a date");
    return undefined;
  }
  return text;
}

/**
 * Reads one post file's bytes into a validated Post, collecting every problem rather than stopping at the first.
 * YAML is parsed with the core schema, so dates stay the strings the author wrote (offset included), `yes` is a
 * string rather than true, and nothing in the file is ever evaluated.
 */
export function parsePostFile(file: string, bytes: Buffer): ParseResult {
  const issues: ContentIssue[] = [];
  const error = (message: string, line?: number, field?: string) =>
    issues.push({ file, line, field, message, severity: "error" });
  const warn = (message: string, line?: number, field?: string) =>
    issues.push({ file, line, field, message, severity: "warning" });

  const text = decode(bytes, (message, line) => error(message, line));
  if (text === undefined) return { issues };
  for (const m of findMojibake(text)) {
    warn(`"${m.found}" looks like mis-decoded text; probably "${m.intended}" (column ${m.column})`, m.line, "encoding");
  }
  const split = splitFrontMatter(text, (message, line) => error(message, line));
  if (!split) return { issues };

  const counter = new LineCounter();
  const tooDeep = "is nested too deeply to read; front matter needs a level or two at most";
  let doc: Document;
  try {
    doc = parseDocument(split.yaml, { schema: "core", uniqueKeys: true, prettyErrors: false, lineCounter: counter });
  } catch (e) {
    // The parser recurses once per level: thousands of `[[[[` or `- - - -` run it out of stack, which it may throw.
    error(e instanceof RangeError ? tooDeep : `could not be read: ${(e as Error).message}`, 2, "front matter");
    return { issues };
  }
  for (const e of doc.errors) {
    // With prettyErrors off, `e.linePos` is never set; the line counter knows where the error is.
    const line = counter.linePos(e.pos[0]).line + 1;
    error(/call stack/i.test(e.message) ? tooDeep : `invalid YAML: ${e.message.split("\n")[0]}`, line, "front matter");
  }
  if (doc.errors.length > 0) return { issues };
  if (doc.contents !== null && !isMap(doc.contents)) {
    error("must be a mapping of 'field: value' lines", 2, "front matter");
    return { issues };
  }
  const lines = keyLines(doc, counter);
  for (const [key, line] of lines) {
    if (FORBIDDEN_KEYS.has(key)) error(`'${key}' is not allowed as a field name`, line, key);
    else if (!KNOWN_FIELDS.has(key)) warn(`unknown field '${key}' is ignored (check the spelling)`, line, key);
  }
  if (issues.some((i) => i.severity === "error")) return { issues };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (e) {
    error(`could not be read: ${(e as Error).message}`, 2, "front matter");
    return { issues };
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = zi.path.map(String).join(".") || "front matter";
      error(zi.message, lines.get(String(zi.path[0])), field);
    }
  }
  const deep = findDeepNesting(split.body, { jsx: file.endsWith(".mdx") });
  if (deep) {
    const what = file.endsWith(".mdx") ? "block quotes, lists and JSX elements" : "block quotes and lists";
    error(`${what} nest about ${deep.depth} levels deep here; the limit is ${MAX_BODY_NESTING}`, split.bodyLine + deep.line - 1, "body");
  }
  const fileSlug = file.replace(/^.*\//, "").replace(/\.mdx?$/, "");
  if (parsed.success && parsed.data.slug === undefined && !isValidSlug(fileSlug)) {
    error(`the file name '${fileSlug}' is not a valid slug; rename the file or set 'slug:'`, undefined, "slug");
  }
  if (!parsed.success || issues.some((i) => i.severity === "error")) return { issues };

  const fm = parsed.data;
  if (fm.description === "") warn("is missing; it is used for search engines, social cards and feeds", lines.get("description"), "description");
  const post: Post = {
    ...fm,
    slug: fm.slug ?? fileSlug,
    file,
    format: file.endsWith(".mdx") ? "mdx" : "md",
    body: split.body,
    bodyLine: split.bodyLine,
    hash: createHash("sha256").update(bytes).digest("hex"),
    publishedAt: Date.parse(normalizeIsoDate(fm.date)),
    readingMinutes: Math.max(1, Math.round(split.body.split(/\s+/).filter(Boolean).length / WORDS_PER_MINUTE)),
  };
  return { post, issues };
}

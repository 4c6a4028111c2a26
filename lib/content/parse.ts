import { createHash } from "node:crypto";
import { z } from "zod";
import { MAX_FRONT_MATTER_BYTES, readFrontMatter } from "./front-matter";
import { findMojibake } from "./mojibake";
import { MAX_BODY_NESTING, findDeepNesting } from "./nesting";
import { KNOWN_FIELDS, frontMatterSchema, isValidSlug, normalizeIsoDate, type Post } from "./schema";

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
 * Front matter longer than this is refused before a parser sees it. Real front matter is well under 4 KiB; the YAML
 * parser's duplicate-key and anchor checks grow with the square of the key count, so this bounds its work.
 */
export { MAX_FRONT_MATTER_BYTES };
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
  if (text.replace(/^\uFEFF/, "").trim() === "") {
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
  for (const m of findMojibake(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"))) {
    warn(`"${m.found}" looks like mis-decoded text; probably "${m.intended}" (column ${m.column})`, m.line, "encoding");
  }
  const read = readFrontMatter(text);
  if (!read.ok) {
    for (const problem of read.problems) error(problem.message, problem.line, problem.field);
    return { issues };
  }
  const { data, members, split } = read.value;
  const lines = new Map(members.map((m) => [m.key, m.line]));
  for (const [key, line] of lines) {
    if (!KNOWN_FIELDS.has(key)) warn(`unknown field '${key}' is ignored (check the spelling)`, line, key);
  }
  // A BOM and CRLF line endings are common from Windows editors; neither changes the body.
  const body = text.slice(split.bodyStart).replace(/\r\n?/g, "\n");
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = zi.path.map(String).join(".") || "front matter";
      error(zi.message, lines.get(String(zi.path[0])), field);
    }
  }
  const deep = findDeepNesting(body, { jsx: file.endsWith(".mdx") });
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
    body,
    bodyLine: split.bodyLine,
    hash: createHash("sha256").update(bytes).digest("hex"),
    publishedAt: Date.parse(normalizeIsoDate(fm.date)),
    readingMinutes: Math.max(1, Math.round(body.split(/\s+/).filter(Boolean).length / WORDS_PER_MINUTE)),
  };
  return { post, issues };
}

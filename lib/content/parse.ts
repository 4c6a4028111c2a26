import { createHash } from "node:crypto";
import { z } from "zod";
import { MAX_FRONT_MATTER_BYTES, readFrontMatter } from "./front-matter";
import { findMojibake } from "./mojibake";
import { MAX_BODY_NESTING, findDeepNesting } from "./nesting";
import { notBuiltIssue, ownBuild } from "./build-options";
import { classifyKey } from "./fields";
import { DEFAULT_TAXONOMIES, normalizeFrontMatter, type NormalizeOptions } from "./normalize";
import { frontMatterSchema, slugify, termsSchema, type Post } from "./schema";
import { markdownText } from "./summary";
import { MARKDOWN_FILE, contentPlace, contentRelative, postPath, routeKey, type UrlRules } from "./urls";

/** One problem with one content file, printed as `file:line: field: message`. */
export const contentIssueSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  field: z.string().optional(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
  /** What sort of problem it is (`unknown-field`, `mojibake`...), so content:check can group warnings. */
  kind: z.string().optional(),
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
/** Deepest nesting of block quotes, lists and JSX a body may have (./nesting), for scripts that build bodies near it. */
export { MAX_BODY_NESTING };
const WORDS_PER_MINUTE = 230;
// Well past any real slug, well under the 255 bytes a file system or a URL segment tolerates.
const MAX_SLUG_LENGTH = 200;

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

/** Parse options that come from the site (its Hugo config): see NormalizeOptions, and the URL rules (./urls). */
export type ParseOptions = NormalizeOptions & { urls?: UrlRules };

const MORE = "<!--more-->";

/** Plain text of the markdown before `<!--more-->` (Hugo's manual summary divider), or undefined without one. */
export function excerptOf(body: string): string | undefined {
  const at = body.indexOf(MORE);
  if (at === -1) return undefined;
  const text = markdownText(body.slice(0, at));
  return text === "" ? undefined : text;
}

/** Hugo's section of a file: the first folder of its path inside the site's content folder. */
function sectionOf(file: string, urls: UrlRules | undefined): { section?: string } {
  const inside = urls ? contentRelative(file, urls) : file;
  return inside.includes("/") ? { section: inside.split("/")[0]! } : {};
}

/**
 * A multilingual site's language fields: every page gets its `translationKey` (the front matter's, else its path in
 * its language's content folder without the language: Hugo's rule for which pages translate one another); a
 * translation also gets its language and a slug of its own, made from its URL (`/fr/posts/x/` → `fr-posts-x`), so it
 * never takes the default language's name in the admin or at `/blog/SLUG`.
 */
function translationOf(file: string, path: string, data: Record<string, unknown>, urls: UrlRules | undefined): Partial<Post> {
  if (urls?.kind !== "hugo" || urls.languages.length < 2) return {};
  const place = contentPlace(contentRelative(file, urls), urls.languages);
  const written = data.translationKey ?? data.translationkey;
  const translationKey = typeof written === "string" && written.trim() !== "" ? written.trim() : [place.dir, place.name].filter(Boolean).join("/");
  if (!urls.language) return { translationKey };
  return { translationKey, lang: urls.language, slug: slugify(routeKey(path)).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, "") };
}

/** The warning kind of a page titled after its file (a translation's title is its original's: load.ts). */
export const NO_TITLE = "no-title";

/** A title made from a file's name: `getting-started.fr` → `Getting started`. */
function titleFromName(name: string, languages: readonly string[]): string {
  const base = contentPlace(`${name}.md`, languages).name.replace(/[-_]+/g, " ").trim() || "Untitled";
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** The file's name without extension, or a leaf bundle's folder name (`post/trip/index.md` → `trip`). */
function baseName(file: string): { name: string; bundle?: string } {
  const parts = file.split("/");
  const last = parts.at(-1)!.replace(MARKDOWN_FILE, "");
  if (last === "index" && parts.length > 1) return { name: parts.at(-2)!, bundle: parts.slice(0, -1).join("/") };
  return { name: last };
}

/**
 * Reads one post file's bytes into a validated Post, collecting every problem rather than stopping at the first.
 * Front matter may be YAML, TOML or JSON (./front-matter: nothing in it is ever evaluated); its fields mean what
 * they mean in Hugo (./normalize), and dates without a zone are in `options.timeZone` (default UTC).
 */
export function parsePostFile(file: string, bytes: Buffer, options: ParseOptions = {}): ParseResult {
  const issues: ContentIssue[] = [];
  const add = (severity: ContentIssue["severity"], message: string, line?: number, field?: string, kind?: string) =>
    issues.push({ file, line, field, message, severity, ...(kind ? { kind } : {}) });
  const error = (message: string, line?: number, field?: string, kind?: string) => add("error", message, line, field, kind);
  const warn = (message: string, line?: number, field?: string, kind?: string) => add("warning", message, line, field, kind);

  const text = decode(bytes, (message, line) => error(message, line));
  if (text === undefined) return { issues };
  for (const m of findMojibake(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"))) {
    warn(`"${m.found}" looks like mis-decoded text; probably "${m.intended}" (column ${m.column})`, m.line, "encoding", "mojibake");
  }
  // Hugo builds a content file without front matter as a page with no fields; Folio's own posts need some.
  const read = readFrontMatter(text, { optional: options.urls?.kind === "hugo" });
  if (!read.ok) {
    for (const problem of read.problems) error(problem.message, problem.line, problem.field);
    return { issues };
  }
  const { data, members, split } = read.value;
  for (const problem of read.value.lenient ?? []) warn(problem.message, problem.line, problem.field, "lenient-yaml");
  const lines = new Map(members.map((m) => [m.key, m.line]));
  const { name, bundle } = baseName(file);
  const normalized = normalizeFrontMatter(data, lines, name, options);
  for (const p of normalized.problems) add(p.severity, p.message, p.line, p.field, p.kind);
  const fieldLines = new Map<string, number>();
  for (const m of members) {
    const kind = classifyKey(m.key, options.taxonomies ?? DEFAULT_TAXONOMIES);
    if ((kind.kind === "field" || kind.kind === "taxonomy") && !fieldLines.has(kind.name)) fieldLines.set(kind.name, m.line);
  }
  const canonicalLine = (field: string) => fieldLines.get(field);
  // A BOM and CRLF line endings are common from Windows editors; neither changes the body.
  const body = text.slice(split.bodyStart).replace(/\r\n?/g, "\n");
  // Hugo builds a page without a title (an untranslated stub, a page its theme titles): on a Hugo site it is served,
  // titled after its file, with a warning (a translation takes its original's title: see load.ts). Folio's own
  // posts still need one.
  const untitled = normalized.data.title === undefined || normalized.data.title === null || (typeof normalized.data.title === "string" && normalized.data.title.trim() === "");
  if (untitled && options.urls?.kind === "hugo") {
    normalized.data.title = titleFromName(name, options.urls.languages);
    warn(`is missing; titled '${normalized.data.title}' after the file's name`, undefined, "title", NO_TITLE);
  }
  const parsed = frontMatterSchema.safeParse(normalized.data);
  if (!parsed.success) {
    // A field the normalizer already refused (an unreadable date) is not reported a second time as missing.
    const reported = new Set(normalized.problems.filter((p) => p.severity === "error").map((p) => p.field));
    for (const zi of parsed.error.issues) if (!reported.has(String(zi.path[0]))) error(zi.message, canonicalLine(String(zi.path[0])), zi.path.map(String).join(".") || "front matter");
  }
  const taxonomies: Record<string, string[]> = {};
  for (const [taxonomy, value] of Object.entries(normalized.taxonomies)) {
    const terms = termsSchema.safeParse(value);
    if (terms.success) taxonomies[taxonomy] = terms.data;
    else for (const zi of terms.error.issues) error(zi.message, canonicalLine(taxonomy), [taxonomy, ...zi.path.map(String)].join("."));
  }
  const deep = findDeepNesting(body, { jsx: file.endsWith(".mdx") });
  if (deep) {
    const what = file.endsWith(".mdx") ? "block quotes, lists and JSX elements" : "block quotes and lists";
    error(`${what} nest about ${deep.depth} levels deep here; the limit is ${MAX_BODY_NESTING}`, split.bodyLine + deep.line - 1, "body");
  }
  // A `:filename` date source makes the dated file's name without its date the slug, as Hugo does (./normalize).
  const slugField = parsed.success ? (parsed.data.slug ?? normalized.fileSlug) : undefined;
  const written = slugField ?? name;
  const slug = slugify(written);
  if (parsed.success && slug === "") {
    error(`'${written}' has no letters or digits to make a URL of; set 'slug:'`, canonicalLine("slug"), "slug");
  } else if (slug.length > MAX_SLUG_LENGTH) {
    error(`is ${slug.length} characters long; the limit is ${MAX_SLUG_LENGTH}`, canonicalLine("slug"), "slug");
  }
  if (!parsed.success || issues.some((i) => i.severity === "error")) return { issues };

  const { slug: _slug, author, authors, images, cover, publishDate: _publish, expiryDate: _expiry, ...fm } = parsed.data;
  const excerpt = excerptOf(body);
  // On a Hugo site the post answers at Hugo's own URL for it (./urls); the slug only names /blog/SLUG there.
  if (slug !== written && options.urls?.kind !== "hugo") warn(`'${written}' is served as '${slug}'; the old spelling redirects`, canonicalLine("slug"), "slug", "slug-respelled");
  if (fm.description === "" && fm.summary === undefined && excerpt === undefined) {
    warn("is missing; it is used for search engines, social cards and feeds", undefined, "description", "no-description");
  }
  const coverImage = typeof cover === "string" ? cover : cover?.image;
  // Hugo's build options and headless bundles, on a Hugo site; the sections above the post may add theirs (load.ts).
  const { hiddenBy, buildKeys } = options.urls?.kind === "hugo" ? ownBuild(data, bundle !== undefined) : { hiddenBy: undefined, buildKeys: [] };
  const path = postPath({ file, title: fm.title, slug, slugField, url: fm.url, date: fm.date }, options.urls ?? { kind: "folio" });
  const post: Post = {
    ...fm,
    slug,
    ...translationOf(file, path, data, options.urls),
    ...(slug !== written ? { slugAsWritten: written } : {}),
    authors: [...new Set([...authors, ...author])],
    images: coverImage && !images.includes(coverImage) ? [...images, coverImage] : images,
    taxonomies: { ...taxonomies, topics: fm.topics, tags: fm.tags, categories: fm.categories },
    ...(excerpt !== undefined ? { excerpt } : {}),
    file,
    format: file.endsWith(".mdx") ? "mdx" : "md",
    frontMatter: read.value.format,
    ...(bundle !== undefined ? { bundle } : {}),
    ...sectionOf(file, options.urls),
    path,
    body,
    bodyLine: split.bodyLine,
    hash: createHash("sha256").update(bytes).digest("hex"),
    publishedAt: normalized.publishedAt!,
    ...(normalized.expiresAt !== undefined ? { expiresAt: normalized.expiresAt } : {}),
    readingMinutes: Math.max(1, Math.round(body.split(/\s+/).filter(Boolean).length / WORDS_PER_MINUTE)),
    ...(hiddenBy !== undefined ? { hiddenBy } : {}),
    ...(buildKeys.length > 0 ? { buildKeys } : {}),
  };
  if (hiddenBy !== undefined) issues.push(notBuiltIssue(file, hiddenBy));
  return { post, issues };
}

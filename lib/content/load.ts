import "server-only";
import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { usesFileModTime } from "@/lib/config/front-matter-dates";
import { currentSite, folioSite, type Site } from "@/lib/config/hugo-site";
import { cacheFolder, cacheKey, codeFingerprint, readCacheFile, writeCacheFile } from "./disk-cache";
import { resolveCollisions } from "./collisions";
import { NEWER_SPELLINGS, hiddenBySections, notBuiltIssue, otherCascadeKeys, withCascadedDrafts, type CascadeSection } from "./build-options";
import { derivedReports } from "./derived-reports";
import { discoverContent, type Discovery, type Translation } from "./discover";
import { classifyKey } from "./fields";
import { DEFAULT_TAXONOMIES } from "./normalize";
import { MAX_FILE_BYTES, NO_TITLE, contentIssueSchema, parsePostFile, type ContentIssue, type ParseOptions } from "./parse";
import { byNewest, isPublic } from "./publish";
import { postSchema, type Post } from "./schema";
import { contentPlace, contentRelative, postPath } from "./urls";
import { readSections, type Section } from "./sections";

/** What the loader made of one file: its post when valid, and every problem and warning either way. */
const fileReportSchema = z.object({ file: z.string(), post: postSchema.optional(), issues: z.array(contentIssueSchema) });

export type FileReport = z.infer<typeof fileReportSchema>;

/**
 * Every post and page file of the site, valid or not. `posts` holds the valid posts, newest first; `pages` the
 * valid pages (`about.md`); `sections` the sections' own pages; `discovery` what was read and left out, and why.
 */
export type ContentIndex = {
  dir: string;
  site: Site;
  files: FileReport[];
  posts: Post[];
  /** Pages of every language: a translated page (`/fr/about/`) has its `lang`. */
  pages: Post[];
  /**
   * Posts in the site's other languages (`/fr/posts/x/`), newest first: each answers at its own URL and is listed
   * nowhere in the default language's lists, feeds, search or taxonomies.
   */
  translations: Post[];
  sections: Section[];
  issues: ContentIssue[];
  discovery: Discovery;
  /** Where a new post is written, relative to CONTENT_DIR: `posts`, or a Hugo site's (first) main section. */
  postsDir: string;
  /** The front matter a new post gets: the site's configured format, else the one most of its posts use. */
  frontMatterFormat: "yaml" | "toml" | "json";
};

type State = {
  files: Map<string, { key: string; report: FileReport; bornAt: number }>;
  index?: { dir: string; checkedAt: number; value: ContentIndex };
  pending?: { dir: string; promise: Promise<ContentIndex> };
};
// On globalThis so that every server bundle that imports this module shares one cache.
const STATE_KEY = Symbol.for("folio.content-index");
const state: State = ((globalThis as Record<symbol, State>)[STATE_KEY] ??= { files: new Map() });

/** How long a loaded index is trusted before the files are looked at again (a stat each, no re-reads). */
export const INDEX_MAX_AGE_MS = 1000;

// The code a parse depends on: a change to any of these files (or to any dependency) makes every disk entry a miss.
export const PARSE_SOURCES = [
  "lib/content/parse.ts",
  "lib/content/schema.ts",
  "lib/content/mojibake.ts",
  "lib/content/nesting.ts",
  "lib/content/fields.ts",
  "lib/content/normalize.ts",
  "lib/content/hugo-date.ts",
  "lib/content/configured-dates.ts",
  "lib/config/front-matter-dates.ts",
  "lib/content/urls.ts",
  "lib/content/build-options.ts",
  "lib/content/summary.ts",
  ...["index", "split", "read", "members", "json-members"].map((name) => `lib/content/front-matter/${name}.ts`),
];

// Synchronous on purpose: one stat per file costs microseconds, where thousands of promises cost milliseconds.
function statFile(full: string, root: string, file: string): Stats | ContentIssue {
  const fail = (message: string): ContentIssue => ({ file, message, severity: "error" });
  // For anything but a link, what lstat says is what stat would say: one system call a file on every re-check.
  const own = lstatSync(full);
  if (own.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(full);
    } catch {
      return fail("is a symbolic link to nothing");
    }
    if (!target.startsWith(root + path.sep)) return fail("is a symbolic link that leaves CONTENT_DIR; refused");
  }
  const stats = own.isSymbolicLink() ? statSync(full) : own;
  if (!stats.isFile()) return fail("is not a regular file");
  if (stats.size > MAX_FILE_BYTES) return fail(`is ${stats.size} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)`);
  return stats;
}

/**
 * Parses a file's bytes, through the disk cache when there is one: keyed by the name and the bytes themselves, so a
 * new process (a build worker, a restarted server) skips the parse of every unchanged file.
 */
function parseReport(file: string, bytes: Buffer, options: ParseOptions = {}): FileReport {
  const folder = cacheFolder("index");
  const fingerprint = codeFingerprint(PARSE_SOURCES);
  if (!folder || !fingerprint) return { file, ...parsePostFile(file, bytes, options) };
  // The site's time zone, taxonomies and URL rules change what a file parses to, so they are part of the key.
  const key = cacheKey(fingerprint, JSON.stringify(options), file, bytes);
  const cacheFile = path.join(/* turbopackIgnore: true */ folder, key.slice(0, 2), `${key}.json`);
  // Parsed, never trusted: an entry of another shape (older code, a torn or tampered file) is a miss.
  const cached = readCacheFile(cacheFile, fileReportSchema);
  if (cached?.file === file) return cached;
  const report: FileReport = { file, ...parsePostFile(file, bytes, options) };
  writeCacheFile(cacheFile, report);
  return report;
}

function readReport(root: string, file: string, options: ParseOptions, optionsKey: string): FileReport {
  const full = path.join(/* turbopackIgnore: true */ root, file);
  try {
    const stats = statFile(full, root, file);
    if (!("isFile" in stats)) return { file, issues: [stats] };
    const key = `${stats.mtimeMs}:${stats.size}:${stats.ino}:${optionsKey}`;
    const cached = state.files.get(full);
    if (cached?.key === key) return cached.report;
    const report = parseReport(file, readFileSync(full), withFileModTime(options, stats.mtimeMs));
    // When the file came to be (a copy is younger than its original): who keeps a contested slug (./collisions).
    state.files.set(full, { key, report, bornAt: stats.birthtimeMs || stats.mtimeMs });
    return report;
  } catch (e) {
    return { file, issues: [{ file, message: `could not be read: ${(e as Error).message}`, severity: "error" }] };
  }
}

function outsideReport(file: string): FileReport {
  return { file, issues: [{ file, message: "is reached through a symbolic link that leaves CONTENT_DIR; refused", severity: "error" }] };
}

/** What parsing a file needs from the site: its time zone, taxonomies and URL rules. */
function parseOptionsOf(site: Site, discovery: Discovery): ParseOptions {
  if (site.kind === "folio") return {};
  const needsSections = Object.values(site.permalinks).some((pattern) => pattern.includes(":sections"));
  return {
    ...(site.timeZone ? { timeZone: site.timeZone } : {}),
    taxonomies: [...new Set(["topics", ...Object.values(site.taxonomies)])],
    ...(site.frontMatter ? { frontMatterDates: site.frontMatter.dates } : {}),
    urls: {
      kind: "hugo",
      contentDir: site.contentDir,
      permalinks: site.permalinks,
      uglyURLs: site.uglyURLs,
      disablePathToLower: site.disablePathToLower,
      languages: site.languages,
      ...(needsSections ? { sections: discovery.sections.filter((s) => s.file).map((s) => s.dir) } : {}),
    },
  };
}

/** A file's parse options with its modification time, when the site's `[frontmatter]` dates read it. */
export function withFileModTime(options: ParseOptions, mtimeMs: number): ParseOptions {
  return usesFileModTime(options.frontMatterDates) ? { ...options, fileModTime: mtimeMs } : options;
}

/** A site's `[frontmatter]` setting's tokens Folio cannot honour: one warning each, for the whole site. */
function frontMatterWarnings(site: Site): ContentIssue[] {
  const setting = site.frontMatter;
  return (setting?.warnings ?? []).map((message) => ({ file: setting!.file, field: "frontmatter", message, severity: "warning", kind: "frontmatter-source" }));
}

/** How a file of this index is parsed (the site's time zone, taxonomies, URL rules): for a file the admin writes. */
export function parseOptionsFor(index: ContentIndex): ParseOptions {
  return parseOptionsOf(index.site, index.discovery);
}

/** Where `post` answers once its slug is `slug` (its `url:` wins; on a Hugo site, the section's permalink rule). */
export function pathWithSlug(index: ContentIndex, post: Post, slug: string): string {
  return postPath({ file: post.file, title: post.title, slug, slugField: slug, url: post.url, date: post.date }, parseOptionsFor(index).urls ?? { kind: "folio" });
}

// Warnings that matter for a post and not for a page: an about page needs neither a date nor a description.
const POST_ONLY_WARNINGS = new Set(["no-date", "no-description"]);

const asPages = derivedReports();

/** A report read as a page's: the same object for the same report, so an unchanged page keeps its report. */
function asPage(report: FileReport): FileReport {
  return asPages(report, () => true, () => ({ ...report, issues: report.issues.filter((issue) => !(issue.severity === "warning" && issue.kind && POST_ONLY_WARNINGS.has(issue.kind))) }));
}

/** The folder discovery starts from leaves CONTENT_DIR through a link: every file in it is refused. */
function startLeaves(site: Site): boolean {
  return folderLeaves(site, site.kind === "folio" ? "posts" : site.contentDir);
}

/** A content folder (relative to the site's root) that is, through a link, outside CONTENT_DIR. */
function folderLeaves(site: Site, folder: string): boolean {
  const start = path.join(/* turbopackIgnore: true */ site.root, folder);
  try {
    const real = realpathSync(start);
    return real !== site.root && !real.startsWith(site.root + path.sep);
  } catch {
    return false;
  }
}

function siteError(dir: string, error: string): ContentIndex {
  const root = path.resolve(/* turbopackIgnore: true */ dir);
  const issue: ContentIssue = { file: error.split(":")[0] ?? "config", message: error.slice(error.indexOf(":") + 1).trim(), severity: "error" };
  return { dir: root, site: folioSite(root), files: [], posts: [], pages: [], translations: [], sections: [], issues: [issue], discovery: emptyDiscovery(), postsDir: "posts", frontMatterFormat: "yaml" };
}

function emptyDiscovery(): Discovery {
  return { posts: [], pages: [], sections: [], translatedSections: [], translatedPosts: [], translatedPages: [], leftOut: [], mainSections: [], markdownFiles: 0, summary: "read 0 posts" };
}

/** "No posts where markdown exists" is an error: the site was not understood, and an empty site would be served. */
function nothingFound(site: Site, discovery: Discovery): ContentIssue[] {
  const elsewhere = discovery.elsewhere;
  if (discovery.posts.length === 0 && elsewhere) {
    const message = `holds no posts, but ${elsewhere.count} markdown file${elsewhere.count === 1 ? "" : "s"} elsewhere in CONTENT_DIR (${elsewhere.example}): point CONTENT_DIR at a Folio content folder (posts in posts/) or at the root of a Hugo site (the folder with its hugo.toml or config.toml)`;
    return [{ file: "posts/", message, severity: "error" }];
  }
  if (discovery.posts.length > 0 || discovery.markdownFiles === 0) return [];
  const folder = site.kind === "folio" ? "posts" : site.contentDir || ".";
  const sections = discovery.mainSections.length > 0 ? discovery.mainSections.join(", ") : "none";
  return [{ file: `${folder}/`, message: `holds ${discovery.markdownFiles} markdown files but no posts: the main sections (${sections}) have none; set params.mainSections in the site's config`, severity: "error" }];
}

async function readIndex(dir: string, now: number, previous?: ContentIndex): Promise<ContentIndex> {
  const read = currentSite(dir);
  if (!read.ok) return siteError(dir, read.error);
  const site = read.site;
  const root = site.root;
  const discovery = discoverContent(site);
  const options = parseOptionsOf(site, discovery);
  const optionsKey = JSON.stringify(options);
  const leaves = startLeaves(site);
  const readOne = (file: string) => (leaves ? outsideReport(file) : readReport(root, file, options, optionsKey));
  // A translation's URL is its language's: the same rules under `/LANG`, read from its language's content folder.
  // A language's sections are its own (`post/_index.fr.md`, `content/fr/post/_index.md`): a draft or a cascade in one
  // keeps that language's pages below it out, and the default language's sections keep none of them out (Hugo 0.111.3).
  const translatedOptions = new Map<string, { options: ParseOptions; key: string; leaves: boolean; sections?: ReadonlyMap<string, CascadeSection> }>();
  const readTranslation = ({ file, lang }: Translation) => {
    let own = translatedOptions.get(lang);
    if (!own) {
      const folder = site.kind === "hugo" ? site.otherContentDirs.find((other) => other.lang === lang)?.dir : undefined;
      const contentDir = folder ?? (site.kind === "hugo" ? site.contentDir : "");
      const urls = options.urls?.kind === "hugo" ? { ...options.urls, contentDir, language: lang } : options.urls;
      const translated = { ...options, ...(urls ? { urls } : {}) };
      const sections = site.kind === "hugo" ? withCascadedDrafts(readSections(root, discovery.translatedSections.filter((s) => s.lang === lang), translated), lang) : undefined;
      // A language's own folder that is a link out of CONTENT_DIR: every file in it is refused, as for the default's.
      own = { options: translated, key: JSON.stringify(translated), leaves: folder ? folderLeaves(site, folder) : leaves, ...(sections ? { sections } : {}) };
      translatedOptions.set(lang, own);
    }
    const report = own.leaves ? outsideReport(file) : readReport(root, file, own.options, own.key);
    return own.sections && own.options.urls ? hiddenBelow(report, own.sections, own.options.urls, lang) : report;
  };
  const bornAt = (file: string) => state.files.get(path.join(/* turbopackIgnore: true */ root, file))?.bornAt;
  // A draft section, or a section's cascade, keeps pages below it out of the site, as it keeps them out of Hugo's.
  const readSectionList = readSections(root, discovery.sections, options);
  const cascade = site.kind === "hugo" ? withCascadedDrafts(readSectionList, site.defaultLanguage) : undefined;
  const sections = cascade ? readSectionList.map((section) => cascade.get(section.dir) ?? section) : readSectionList;
  const bySections = (report: FileReport) => (cascade && options.urls ? hiddenBelow(report, cascade, options.urls, site.defaultLanguage) : report);
  // Translations take part: their slugs (made from their URLs) and URLs must not meet a post's.
  const postReports = discovery.posts.map((file) => bySections(readOne(file)));
  const ownPageReports = discovery.pages.map((file) => bySections(asPage(readOne(file))));
  const titled = originalTitles([...postReports, ...ownPageReports], now);
  const translatedReports = discovery.translatedPosts.map((t) => titled(readTranslation(t)));
  const reports = resolveCollisions([...postReports, ...translatedReports], { now, previous: previous && [...previous.posts, ...previous.translations], bornAt });
  const pageReports = [...ownPageReports, ...discovery.translatedPages.map((t) => titled(asPage(readTranslation(t))))];
  const allFiles = [...discovery.posts, ...discovery.pages, ...[...discovery.translatedPosts, ...discovery.translatedPages].map((t) => t.file)];
  const known = new Set(allFiles.map((file) => path.join(/* turbopackIgnore: true */ root, file)));
  for (const full of state.files.keys()) if (!known.has(full)) state.files.delete(full);
  // Nothing changed since the last look: the same index, without sorting thousands of posts again.
  const files = [...reports, ...pageReports];
  if (previous?.dir === root && previous.site === site && previous.files.length === files.length && files.every((r, i) => r === previous.files[i])) return previous;
  const valid = reports.flatMap((r) => (r.post ? [r.post] : [])).sort(byNewest);
  return {
    dir: root,
    site,
    files,
    posts: valid.filter((post) => post.lang === undefined),
    pages: pageReports.flatMap((r) => (r.post ? [r.post] : [])),
    translations: valid.filter((post) => post.lang !== undefined),
    sections,
    issues: [...nothingFound(site, discovery), ...frontMatterWarnings(site), ...cascadeWarnings(sections, options), ...files.flatMap((r) => r.issues)],
    discovery,
    postsDir: postsDirOf(site, discovery),
    frontMatterFormat: site.frontMatterFormat ?? majorityFormat(reports),
  };
}

const retitled = derivedReports();
const hidden = derivedReports();

/** Why a section above `post` keeps it out of the site, if one does. */
function hiddenAbove(post: Post, sections: ReadonlyMap<string, CascadeSection>, urls: NonNullable<ParseOptions["urls"]>, lang: string): string | undefined {
  const file = contentRelative(post.file, urls);
  // The folder a page is in, a leaf bundle's own folder aside (Hugo's view: `post/trip/index.md` is in `post`).
  const { dir } = contentPlace(file);
  return hiddenBySections(sections, { file, dir, lang, ownKeys: new Set(post.buildKeys) });
}

/**
 * Why the site keeps a post of the default language out whatever its own `draft` and dates say (its own build
 * options, a draft section above it, a cascade), as the loader would find it: for the desk, which parses one file
 * after an edit and must not call a post published that no reader can see.
 */
export function hiddenByTheSite(index: ContentIndex, post: Post): string | undefined {
  if (post.hiddenBy !== undefined) return post.hiddenBy;
  const urls = parseOptionsFor(index).urls;
  if (index.site.kind !== "hugo" || !urls || post.lang !== undefined) return undefined;
  return hiddenAbove(post, new Map(index.sections.map((section) => [section.dir, section])), urls, index.site.defaultLanguage);
}

/** A post or page that a section above it keeps out of the site: marked, with a warning naming why. */
function hiddenBelow(report: FileReport, sections: ReadonlyMap<string, CascadeSection>, urls: NonNullable<ParseOptions["urls"]>, lang: string): FileReport {
  const post = report.post;
  if (!post || post.hiddenBy !== undefined) return report;
  const hiddenBy = hiddenAbove(post, sections, urls, lang);
  if (hiddenBy === undefined) return report;
  return hidden(report, (known) => known.post?.hiddenBy === hiddenBy, () => ({
    ...report,
    post: { ...post, hiddenBy },
    issues: [...report.issues, notBuiltIssue(report.file, hiddenBy)],
  }));
}

/** A section's cascade of fields Folio uses but does not cascade (it applies `draft` and build options only). */
function cascadeWarnings(sections: readonly Section[], options: ParseOptions): ContentIssue[] {
  return sections.flatMap((section) => {
    const keys = otherCascadeKeys(section.cascades, (key) => ["field", "taxonomy"].includes(classifyKey(key, options.taxonomies ?? DEFAULT_TAXONOMIES).kind));
    if (!section.file || keys.length === 0) return [];
    const newer = keys.filter((key) => key in NEWER_SPELLINGS).map((key) => `'${key}' is Hugo 0.123's spelling of '${NEWER_SPELLINGS[key]}', which Hugo 0.111 ignores too`);
    const message = `cascades ${keys.map((k) => `'${k}'`).join(", ")}, which Folio does not apply to the pages below (it cascades draft and _build only)${newer.length ? `; ${newer.join("; ")}` : ""}`;
    return [{ file: section.file, field: "cascade", message, severity: "warning" as const, kind: "cascade-not-applied" }];
  });
}

/**
 * A translation without a title of its own (an untranslated stub) takes its original's, the default language's public
 * page with the same translationKey, rather than one made from its file name: the same object while that title holds.
 */
function originalTitles(originals: readonly FileReport[], now: number): (report: FileReport) => FileReport {
  const byKey = new Map<string, FileReport>();
  // Only a public original lends its title: a draft's or a scheduled post's must not show before it does.
  for (const report of originals) {
    const key = report.post?.translationKey;
    if (key !== undefined && isPublic(report.post!, now) && !byKey.has(key)) byKey.set(key, report);
  }
  return (report) => {
    const post = report.post;
    const untitled = report.issues.findIndex((issue) => issue.kind === NO_TITLE);
    const original = post?.translationKey !== undefined ? byKey.get(post.translationKey) : undefined;
    if (!post || untitled === -1 || !original?.post) return report;
    const title = original.post.title;
    return retitled(report, (known) => known.post?.title === title, () => {
      const issue = { ...report.issues[untitled]!, message: `is missing; titled '${title}' as its original, ${original.file}` };
      return { ...report, post: { ...post, title }, issues: report.issues.map((i, n) => (n === untitled ? issue : i)) };
    });
  };
}

function postsDirOf(site: Site, discovery: Discovery): string {
  if (site.kind === "folio") return "posts";
  const section = discovery.mainSections[0];
  return [site.contentDir, section].filter(Boolean).join("/");
}

function majorityFormat(reports: readonly FileReport[]): ContentIndex["frontMatterFormat"] {
  const counts = { yaml: 0, toml: 0, json: 0 };
  for (const report of reports) if (report.post) counts[report.post.frontMatter] += 1;
  return counts.toml > counts.yaml && counts.toml >= counts.json ? "toml" : counts.json > counts.yaml ? "json" : "yaml";
}

/**
 * Loads and validates every post and page of the site at CONTENT_DIR (see ./discover for which files those are). Unchanged files (same mtime, size and inode) are not
 * re-read, and a loaded index is reused for INDEX_MAX_AGE_MS, so a warm call costs nothing and a changed file
 * is seen within a second; a new process takes the parse of unchanged bytes from the disk cache. A bad file never
 * throws: it is reported in `files` and `issues` and left out of `posts`.
 */
export async function loadContentIndex(dir: string = env().contentDir, now: number = Date.now()): Promise<ContentIndex> {
  const current = state.index;
  if (current && current.dir === dir && now - current.checkedAt < INDEX_MAX_AGE_MS) return current.value;
  // A read in flight is shared only by callers asking for the same directory.
  if (state.pending?.dir === dir) return state.pending.promise;
  const pending = {
    dir,
    promise: readIndex(dir, now, current?.dir === dir ? current.value : undefined)
      .then((value) => {
        // A read that an invalidation overtook may predate the write: hand it to its callers, but never cache it.
        if (state.pending === pending) state.index = { dir, checkedAt: Date.now(), value };
        return value;
      })
      .finally(() => {
        if (state.pending === pending) state.pending = undefined;
      }),
  };
  state.pending = pending;
  return pending.promise;
}

const SETTLE_KEY = Symbol.for("folio.content.settle");
type Settle = { expire: () => Promise<unknown>; settled?: ContentIndex };

/**
 * Registers how the pages a content change touched are expired (the content watcher's look). Kept on globalThis:
 * the proxy and the server's start-up may each have their own copy of this module.
 */
export function onContentChange(expire: () => Promise<unknown>): void {
  (globalThis as Record<symbol, Settle | undefined>)[SETTLE_KEY] = { expire };
}

/**
 * Waits, when a request meets an index it has not met before (the loader returns the same object while nothing
 * changed), until the pages the change touched are expired. A request that finds a post gone (its page now 404) is
 * never followed by one that still finds it on a cached page, however late the file-system watch reports it.
 */
export async function settleContentChange(index: ContentIndex): Promise<void> {
  const slot = (globalThis as Record<symbol, Settle | undefined>)[SETTLE_KEY];
  if (!slot || slot.settled === index) return;
  await slot.expire();
  slot.settled = index;
}

/** Forgets the loaded index so the next call looks at the files again (after the admin writes one). */
export function invalidateContentIndex(): void {
  state.index = undefined;
  state.pending = undefined;
}

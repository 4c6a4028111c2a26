import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readFrontMatterSetting, type FrontMatterSetting } from "./front-matter-dates";
import { HEADING_ID_STYLES, type HeadingIdStyle } from "./heading-ids";
import { readHugoConfig, hugoConfigFiles, type ConfigMap, type HugoConfig } from "./hugo-config";

/**
 * The site Folio serves, as one typed value: Folio's own content folder (`posts/`, today's defaults) or the root of
 * a Hugo site, whose settings come from its configuration (./hugo-config) through one zod schema. Everything that
 * differs between the two (where posts are, their URLs, the taxonomies, raw HTML) is read from here.
 */

const FRONT_MATTER_FORMATS = ["yaml", "toml", "json"] as const;
const text = z.union([z.string(), z.number().transform(String)]);
const stringList = z.preprocess((value) => (typeof value === "string" ? [value] : value), z.array(z.string()));

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// A permalink pattern per section; newer Hugo's per-kind form (`page: {blog: …}`) is read too, for regular pages.
const permalinks = z
  .record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]), { error: "must be a table of section = \"/:pattern/\"" })
  .transform((table) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(table)) if (typeof value === "string") out[key] = value;
    const pages = table.page;
    if (pages && typeof pages === "object") Object.assign(out, pages);
    return out;
  });

// One of `[frontmatter]`'s lists: `[":filename", ":default"]`, or a string Hugo splits at spaces.
const dateSources = z.union([z.string(), z.array(z.string())], { error: 'must be a list such as [":filename", ":default"]' });

const author = z
  .union([z.string(), z.array(z.string()), z.object({ name: z.string() }).loose()])
  .transform((value) => (typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : value.name));

/**
 * The settings of a Hugo site that Folio uses, from the merged, lower-cased configuration of its default language.
 * Anything else in the file is allowed and ignored (themes put much there).
 */
export const hugoSettingsSchema = z
  .object({
    baseurl: z.string({ error: "must be a string such as https://example.com/" }).optional(),
    title: text.optional(),
    permalinks: permalinks.optional(),
    uglyurls: z.union([z.boolean(), z.record(z.string(), z.boolean())], { error: "must be true, false or a table of section = true" }).optional(),
    taxonomies: z.record(z.string(), z.string(), { error: "must be a table of singular = \"plural\"" }).optional(),
    timezone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Oslo").optional(),
    summarylength: z.number().int("must be a whole number").nonnegative("must not be negative").optional(),
    paginate: z.number().int().positive("must be a positive whole number").optional(),
    pagination: z.object({ pagersize: z.number().int().positive("must be a positive whole number").optional() }).loose().optional(),
    disablekinds: stringList.optional(),
    disablelanguages: stringList.optional(),
    disablepathtolower: z.boolean().optional(),
    metadataformat: z.enum(FRONT_MATTER_FORMATS).optional(),
    frontmatter: z
      .object({ date: dateSources.optional(), publishdate: dateSources.optional(), lastmod: dateSources.optional(), expirydate: dateSources.optional() }, { error: "must be a table of date = [sources]" })
      .loose()
      .optional(),
    staticdir: stringList.optional(),
    params: z
      .object({
        mainsections: stringList.optional(),
        description: z.string().optional(),
        author: author.optional(),
      })
      .loose()
      .optional(),
    markup: z
      .object({
        goldmark: z
          .object({
            renderer: z.object({ unsafe: z.boolean({ error: "must be true or false" }).optional() }).loose().optional(),
            // Hugo makes `github` ids for any value but the other two (`GitHub` included), and so does Folio.
            parser: z.object({ autoheadingidtype: z.string().transform((v): HeadingIdStyle => (HEADING_ID_STYLES.includes(v as HeadingIdStyle) ? (v as HeadingIdStyle) : "github")).optional() }).loose().optional(),
          })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type HugoSettings = z.infer<typeof hugoSettingsSchema>;

/** The site Folio serves. `kind` says which of the two shapes it is; the rest is the same for both. */
export type Site = {
  kind: "folio" | "hugo";
  /** CONTENT_DIR, resolved (symbolic links followed). */
  root: string;
  /** The config files read, relative to root (none for Folio's own site). */
  configFiles: string[];
  /** The site's title (undefined: Folio's own name from lib/config/site.ts). */
  title?: string;
  /** Hugo's baseURL as written, when the site has one. */
  baseURL?: string;
  /** The path part of baseURL without its trailing slash (`/hugo-PaperMod`), "" at a host's root. */
  basePath: string;
  description?: string;
  author?: string;
  /** A permalink pattern per section (`post: /:year/:month/:slug/`). */
  permalinks: Record<string, string>;
  /** Hugo's uglyURLs: `/x.html` instead of `/x/`, for the whole site or per section. */
  uglyURLs: boolean | Record<string, boolean>;
  /** Taxonomies, singular → plural (Hugo's default: tag → tags, category → categories). */
  taxonomies: Record<string, string>;
  timeZone?: string;
  /** Sections whose regular pages are the posts (Hugo's params.mainSections); undefined: the largest section. */
  mainSections?: string[];
  /** Raw HTML in markdown is kept (sanitized): Hugo's markup.goldmark.renderer.unsafe. */
  unsafeHtml: boolean;
  /** How headings get their ids: Hugo's markup.goldmark.parser.autoHeadingIDType. */
  headingIds: HeadingIdStyle;
  summaryLength: number;
  /** Posts (and pages) per list page. */
  pagerSize: number;
  /** The folder content is read from, relative to root: `content`, `content/en`, or "" (Folio: `posts/` in it). */
  contentDir: string;
  defaultLanguage: string;
  /** Every language the site defines: their translations are served under `/LANG/`. */
  languages: string[];
  /** Other languages' own content folders, relative to root (`content/fr`): their files are that language's. */
  otherContentDirs: { lang: string; dir: string }[];
  /** The languages written right to left (`languageDirection = "rtl"`): their pages get `dir="rtl"`. */
  rtlLanguages: string[];
  /** Languages the site turns off (`disableLanguages`, or `disabled = true` in a language's table): Hugo builds none of their pages. */
  disabledLanguages: string[];
  /** Folders whose files are served at the site's root, relative to root. */
  staticDirs: string[];
  disableKinds: string[];
  disablePathToLower: boolean;
  /** The format configured for new posts' front matter, when the site says (else the majority of its posts). */
  frontMatterFormat?: (typeof FRONT_MATTER_FORMATS)[number];
  /** The site's params (lower-cased keys), for Hugo's `param` shortcode. */
  params: ConfigMap;
  /** Hugo's `[frontmatter]`, when the site sets it: where each date comes from, and the config file it is in. */
  frontMatter?: FrontMatterSetting & { file: string };
};

export type SiteResult = { ok: true; site: Site } | { ok: false; error: string };

const FOLIO_TAXONOMIES = { topic: "topics", tag: "tags" };
const HUGO_DEFAULT_TAXONOMIES = { tag: "tags", category: "categories" };
// Keys of a language's table that describe the language itself rather than override the site's settings.
const LANGUAGE_ONLY_KEYS = new Set(["contentdir", "weight", "languagename", "languagecode", "languagedirection", "label", "locale"]);

function isTable(value: unknown): value is ConfigMap {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function resolveRoot(contentDir: string): string {
  try {
    return realpathSync(contentDir);
  } catch {
    return path.resolve(/* turbopackIgnore: true */ contentDir);
  }
}

/** Folio's own content folder: today's defaults. */
export function folioSite(root: string): Site {
  return {
    kind: "folio",
    root,
    configFiles: [],
    basePath: "",
    permalinks: {},
    uglyURLs: false,
    taxonomies: { ...FOLIO_TAXONOMIES },
    mainSections: ["posts"],
    unsafeHtml: false,
    headingIds: "github",
    summaryLength: 70,
    pagerSize: 20,
    contentDir: "",
    defaultLanguage: "en",
    languages: ["en"],
    otherContentDirs: [],
    rtlLanguages: [],
    disabledLanguages: [],
    staticDirs: [],
    disableKinds: [],
    disablePathToLower: false,
    params: {},
  };
}

/** A relative folder from the config, kept inside the site: `../x` or an absolute path is refused. */
function insideRoot(folder: string, key: string): string {
  const normal = path.posix.normalize(folder.replace(/\\/g, "/")).replace(/\/+$/, "");
  if (normal === "" || normal === "." || normal === ".." || normal.startsWith("../") || path.posix.isAbsolute(normal)) throw new Error(`${key}: '${folder}' must be a folder inside the site`);
  return normal;
}

/** Where the default language's content is: its `contentDir`, the site's, a mount onto `content`, else `content`. */
function contentDirOf(data: ConfigMap, language: string): string {
  const languages = isTable(data.languages) ? data.languages : {};
  const own = isTable(languages[language]) ? languages[language].contentdir : undefined;
  if (typeof own === "string") return insideRoot(own, `languages.${language}.contentDir`);
  if (typeof data.contentdir === "string") return insideRoot(data.contentdir, "contentDir");
  const mounts = isTable(data.module) && Array.isArray(data.module.mounts) ? data.module.mounts : [];
  for (const mount of mounts) {
    if (!isTable(mount) || mount.target !== "content" || typeof mount.source !== "string") continue;
    if (mount.lang === undefined || mount.lang === language) return insideRoot(mount.source, "module.mounts.source");
  }
  return "content";
}

/** The default language's settings: its own table (title, params, taxonomies...) merged over the site's. */
function effectiveSettings(data: ConfigMap, language: string): ConfigMap {
  const languages = isTable(data.languages) ? data.languages : {};
  const own = languages[language];
  if (!isTable(own)) return data;
  const out: ConfigMap = { ...data };
  for (const [key, value] of Object.entries(own)) {
    if (LANGUAGE_ONLY_KEYS.has(key)) continue;
    out[key] = isTable(out[key]) && isTable(value) ? { ...out[key], ...value } : value;
  }
  return out;
}

function basePathOf(baseURL: string | undefined): string {
  if (!baseURL) return "";
  try {
    return new URL(baseURL, "http://placeholder.invalid").pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

/** Builds the Site of a Hugo site root from its merged configuration; errors name the file and key. */
export function hugoSite(root: string, config: HugoConfig): SiteResult {
  const { data, origin, files } = config;
  const defaultLanguage = typeof data.defaultcontentlanguage === "string" ? data.defaultcontentlanguage.toLowerCase() : "en";
  const settings = effectiveSettings(data, defaultLanguage);
  const parsed = hugoSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const error = parsed.error.issues
      .map((issue) => {
        const key = issue.path.map(String).join(".");
        return `${origin[String(issue.path[0])] ?? files[0]}: ${key}: ${issue.message}`;
      })
      .join("\n");
    return { ok: false, error };
  }
  const s = parsed.data;
  let contentDir: string;
  let staticDirs: string[];
  try {
    contentDir = contentDirOf(data, defaultLanguage);
    staticDirs = (s.staticdir ?? ["static"]).map((dir) => insideRoot(dir, "staticDir"));
  } catch (e) {
    return { ok: false, error: `${files[0]}: ${(e as Error).message}` };
  }
  const languages = isTable(data.languages) ? Object.keys(data.languages) : [];
  let otherContentDirs: { lang: string; dir: string }[];
  try {
    otherContentDirs = languages
      .filter((code) => code !== defaultLanguage)
      .flatMap((code) => {
        const dir = (data.languages as ConfigMap)[code];
        // Like the default's, every language's folder must be inside the site.
        return isTable(dir) && typeof dir.contentdir === "string" ? [{ lang: code.toLowerCase(), dir: insideRoot(dir.contentdir, `languages.${code}.contentDir`) }] : [];
      })
      // A language that shares the default's folder is translated by file name (`about.fr.md`), not by folder.
      .filter((other) => other.dir !== contentDir);
  } catch (e) {
    return { ok: false, error: `${files[0]}: ${(e as Error).message}` };
  }
  const params = isTable(settings.params) ? settings.params : {};
  const site: Site = {
    kind: "hugo",
    root,
    configFiles: files,
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.baseurl !== undefined ? { baseURL: s.baseurl } : {}),
    basePath: basePathOf(s.baseurl),
    ...(s.params?.description !== undefined ? { description: s.params.description.trim() } : {}),
    ...(s.params?.author !== undefined ? { author: s.params.author } : {}),
    permalinks: s.permalinks ?? {},
    uglyURLs: s.uglyurls ?? false,
    taxonomies: s.taxonomies ?? { ...HUGO_DEFAULT_TAXONOMIES },
    ...(s.timezone !== undefined ? { timeZone: s.timezone } : {}),
    ...(s.params?.mainsections !== undefined ? { mainSections: s.params.mainsections } : {}),
    unsafeHtml: s.markup?.goldmark?.renderer?.unsafe ?? false,
    headingIds: s.markup?.goldmark?.parser?.autoheadingidtype ?? "github",
    summaryLength: s.summarylength ?? 70,
    pagerSize: s.paginate ?? s.pagination?.pagersize ?? 10,
    contentDir,
    defaultLanguage,
    languages: languages.length > 0 ? languages : [defaultLanguage],
    otherContentDirs,
    disabledLanguages: languages.filter((code) => {
      const own = (data.languages as ConfigMap)[code];
      return code !== defaultLanguage && ((s.disablelanguages ?? []).some((off) => off.toLowerCase() === code) || (isTable(own) && own.disabled === true));
    }),
    rtlLanguages: languages.filter((code) => {
      const own = (data.languages as ConfigMap)[code];
      return isTable(own) && typeof own.languagedirection === "string" && own.languagedirection.toLowerCase() === "rtl";
    }),
    staticDirs,
    disableKinds: (s.disablekinds ?? []).map((kind) => kind.toLowerCase()),
    disablePathToLower: s.disablepathtolower ?? false,
    ...(s.metadataformat !== undefined ? { frontMatterFormat: s.metadataformat } : {}),
    params,
    ...(s.frontmatter !== undefined ? { frontMatter: { ...readFrontMatterSetting({ date: s.frontmatter.date, publishdate: s.frontmatter.publishdate, lastmod: s.frontmatter.lastmod, expirydate: s.frontmatter.expirydate }), file: origin.frontmatter ?? files[0]! } } : {}),
  };
  return { ok: true, site };
}

/**
 * The Site at CONTENT_DIR: a Hugo site when the folder holds a Hugo configuration, else Folio's own content folder.
 * Never throws; a Hugo configuration that cannot be read is an error naming the file and key.
 */
export function readSite(contentDir: string): SiteResult {
  const root = resolveRoot(contentDir);
  if (hugoConfigFiles(root).length === 0) return { ok: true, site: folioSite(root) };
  const config = readHugoConfig(root);
  if (!config.ok) return { ok: false, error: config.error };
  return hugoSite(root, config.config);
}

type Cached = { dir: string; stamp: string; checkedAt: number; result: SiteResult };
// On globalThis, like the content index: every server bundle (pages, routes, the proxy) shares one read.
const CACHE_KEY = Symbol.for("folio.site");
const cache = globalThis as { [CACHE_KEY]?: Cached };

/** How long a read configuration is trusted before its files are looked at again (a stat each). */
const SITE_MAX_AGE_MS = 1000;

function stampOf(root: string): string {
  return hugoConfigFiles(root)
    .map((file) => {
      try {
        const stats = statSync(path.join(/* turbopackIgnore: true */ root, file));
        return `${file}:${stats.mtimeMs}:${stats.size}`;
      } catch {
        return file;
      }
    })
    .join("|");
}

/** readSite, read again only when a config file changed (checked at most once a second). */
export function currentSite(contentDir: string, now: number = Date.now()): SiteResult {
  const cached = cache[CACHE_KEY];
  if (cached && cached.dir === contentDir && now - cached.checkedAt < SITE_MAX_AGE_MS) return cached.result;
  const stamp = stampOf(resolveRoot(contentDir));
  if (cached && cached.dir === contentDir && cached.stamp === stamp) {
    cached.checkedAt = now;
    return cached.result;
  }
  const result = readSite(contentDir);
  cache[CACHE_KEY] = { dir: contentDir, stamp, checkedAt: now, result };
  return result;
}

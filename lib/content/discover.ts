import "server-only";
import { readdirSync, type Dirent } from "node:fs";
import path from "node:path";
import type { Site } from "@/lib/config/hugo-site";
import { MARKDOWN_FILE, MARKDOWN_SUFFIXES, contentPlace } from "./urls";

/**
 * Finding the content of a site, as Hugo does: posts are the regular pages of the main sections (nested folders
 * included, a leaf bundle's `index.md` with the files beside it), `_index.md` is a section's own page, and other
 * regular pages (`about.md`) are pages. Every markdown file that is not read is listed with the reason, so
 * content:check can say what it left out; nothing is skipped silently.
 */

/** A file left out of the site, relative to CONTENT_DIR, and why. */
export type LeftOut = { file: string; reason: string };

/** A section's folder (content-relative, `post`, `posts/inner-section`) and its own page, when it has one. */
export type SectionFile = { dir: string; file?: string };

/** Another language's page of a section: `post/_index.fr.md`, or `content/fr/post/_index.md`. */
export type TranslatedSection = { dir: string; file: string; lang: string };

/** A file in another language than the site's default: `about.fr.md`, or any file in `content/fr/`. */
export type Translation = { file: string; lang: string };

export type Discovery = {
  /** Post files, relative to CONTENT_DIR, sorted. */
  posts: string[];
  /** Other regular pages (`about.md`, a docs page), relative to CONTENT_DIR, sorted. */
  pages: string[];
  sections: SectionFile[];
  /** Other languages' section pages: a draft or a cascade in one keeps that language's pages below it out. */
  translatedSections: TranslatedSection[];
  /** Translations of posts (files of a main section in another language) and of pages, sorted. */
  translatedPosts: Translation[];
  translatedPages: Translation[];
  leftOut: LeftOut[];
  /** The sections whose regular pages are the posts. */
  mainSections: string[];
  /** Markdown files seen, read or not: with posts = 0, the site was not understood. */
  markdownFiles: number;
  /** A line for content:check: where the posts were read from. */
  summary: string;
  /** On Folio's own kind of folder without posts: markdown found elsewhere in it (CONTENT_DIR is likely wrong). */
  elsewhere?: { count: number; example: string };
};

const HTML = /\.html?$/i;
const OTHER_MARKUP = /\.(adoc|asciidoc|ad|org|pandoc|pdc|rst)$/i;
const INDEX = new RegExp(`^index\\.(?:[^.]+\\.)?(?:${MARKDOWN_SUFFIXES}|html?)$`, "i");
// `_index.md`, or a language's `_index.fr.md`.
const SECTION_INDEX = new RegExp(`^_index\\.(?:[^.]+\\.)?(?:${MARKDOWN_SUFFIXES}|html?)$`, "i");
// A content tree deeper or larger than any real site is refused rather than walked for minutes.
const MAX_DEPTH = 24;
export const MAX_CONTENT_FILES = 200_000;

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

type Walk = { regular: string[]; translations: Translation[]; sections: SectionFile[]; translatedSections: TranslatedSection[]; leftOut: LeftOut[]; markdown: number; seen: number };

const newWalk = (seen = 0): Walk => ({ regular: [], translations: [], sections: [], translatedSections: [], leftOut: [], markdown: 0, seen });

/**
 * The language of a bundle's or section's own page, `index.md` or `_index.md` (`base`), with or without a language
 * (`_index.fr.md`): "" for the default language, undefined when `name` is not such a page. As in Hugo 0.111.3
 * (probed), any `_index.X.md` is the section's page, in the default language when X is not one of the site's.
 */
function indexLanguage(site: Site, name: string, base: "index" | "_index"): string | undefined {
  if (!(base === "index" ? INDEX : SECTION_INDEX).test(name)) return undefined;
  const lang = contentPlace(name, site.languages).lang;
  return lang === undefined || lang === site.defaultLanguage ? "" : lang;
}

function list(full: string): Dirent[] {
  try {
    return readdirSync(/* turbopackIgnore: true */ full, { withFileTypes: true }).sort(byName);
  } catch {
    return [];
  }
}

/**
 * Walks a content folder. `prefix` is the folder relative to CONTENT_DIR (files are reported that way), `dir` the
 * folder relative to the content folder (Hugo's view).
 */
function walk(site: Site, full: string, prefix: string, dir: string, depth: number, out: Walk, top = false): void {
  const rel = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const entries = list(full);
  // The bundle's or section's own pages here, by language; `secondTo`: the page of that language that is read instead.
  const indexes = (base: "index" | "_index") => {
    const first = new Map<string, string>();
    return entries.flatMap((e) => {
      const lang = e.isDirectory() ? undefined : indexLanguage(site, e.name, base);
      if (lang === undefined) return [];
      const secondTo = first.get(lang);
      if (secondTo === undefined) first.set(lang, e.name);
      return [{ entry: e, lang, secondTo }];
    });
  };
  const bundleIndexes = !top ? indexes("index") : [];
  if (bundleIndexes.length > 0) {
    // A leaf bundle: its index is the page (`index.fr.md` its French translation), everything else beside or below
    // it is a resource of that page.
    for (const { entry, lang, secondTo } of bundleIndexes) {
      out.seen += 1;
      if (secondTo !== undefined) out.leftOut.push({ file: rel(entry.name), reason: `a second index of this bundle in the same language (${secondTo} is read)` });
      else if (HTML.test(entry.name)) out.leftOut.push({ file: rel(entry.name), reason: "an HTML content file (Folio reads markdown)" });
      else {
        out.markdown += 1;
        if (lang) out.translations.push({ file: rel(entry.name), lang });
        else out.regular.push(rel(entry.name));
      }
    }
    return;
  }
  const sectionIndexes = indexes("_index");
  const sectionIndex = sectionIndexes.find((s) => s.lang === "")?.entry;
  if (sectionIndex || (dir !== "" && !dir.includes("/"))) out.sections.push({ dir, ...(sectionIndex ? { file: rel(sectionIndex.name) } : {}) });
  for (const { entry, lang, secondTo } of sectionIndexes) {
    if (secondTo !== undefined) out.leftOut.push({ file: rel(entry.name), reason: `a second page of this section in the same language (${secondTo} is read)` });
    else if (lang) out.translatedSections.push({ dir, file: rel(entry.name), lang });
  }
  for (const entry of entries) {
    if (out.seen >= MAX_CONTENT_FILES) return;
    const file = rel(entry.name);
    if (entry.name.startsWith(".")) {
      if (MARKDOWN_FILE.test(entry.name)) out.leftOut.push({ file, reason: "a hidden file (its name starts with a dot)" });
      continue;
    }
    // A folder named like a post is reported as one (it is not a regular file), never walked into silently.
    if (entry.isDirectory() && MARKDOWN_FILE.test(entry.name)) {
      out.markdown += 1;
      out.regular.push(file);
      continue;
    }
    if (entry.isDirectory()) {
      // Another language's content folder inside this one (`content/fr` beside `content/post`) is that language's.
      if (site.kind === "hugo" && site.otherContentDirs.some((other) => other.dir === file)) continue;
      if (depth >= MAX_DEPTH) out.leftOut.push({ file: `${file}/`, reason: `a folder nested more than ${MAX_DEPTH} levels deep` });
      else walk(site, path.join(/* turbopackIgnore: true */ full, entry.name), file, dir ? `${dir}/${entry.name}` : entry.name, depth + 1, out);
      continue;
    }
    if (sectionIndexes.some((index) => index.entry === entry)) continue;
    out.seen += 1;
    if (entry.name.endsWith("~") || entry.name.startsWith("#")) {
      if (MARKDOWN_FILE.test(entry.name.replace(/[~#]/g, ""))) out.leftOut.push({ file, reason: "an editor's backup file" });
      continue;
    }
    if (MARKDOWN_FILE.test(entry.name)) {
      out.markdown += 1;
      const place = contentPlace(dir ? `${dir}/${entry.name}` : entry.name, site.languages);
      if (place.lang && place.lang !== site.defaultLanguage) out.translations.push({ file, lang: place.lang });
      else out.regular.push(file);
    } else if (HTML.test(entry.name)) out.leftOut.push({ file, reason: "an HTML content file (Folio reads markdown)" });
    else if (OTHER_MARKUP.test(entry.name)) out.leftOut.push({ file, reason: "another markup format (Folio reads markdown)" });
    // Anything else (images, PDFs) is a resource of its section: served beside it, never parsed.
  }
}

/** The section of a regular page: the first folder of its path in the content folder ("" at the top). */
function sectionOf(file: string, prefix: string): string {
  const inside = prefix ? file.slice(prefix.length + 1) : file;
  return inside.includes("/") ? inside.split("/")[0]! : "";
}

/** The sections whose pages are posts: the site's mainSections, else the one with the most regular pages. */
function mainSectionsOf(site: Site, regular: string[], prefix: string): string[] {
  if (site.mainSections && site.mainSections.length > 0) return site.mainSections.map((s) => s.replace(/^\/+|\/+$/g, ""));
  const counts = new Map<string, number>();
  for (const file of regular) {
    const section = sectionOf(file, prefix);
    if (section) counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  const largest = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return largest ? [largest[0]] : [];
}

// How far a look for markdown outside posts/ goes: enough for a Hugo site's content folder, bounded for any folder.
const ELSEWHERE_DEPTH = 6;
const ELSEWHERE_ENTRIES = 20_000;

/**
 * Markdown files in a Folio folder outside `posts/` (a Hugo site's `content/` given as CONTENT_DIR, a folder of
 * articles): with no posts, the folder is probably not the one meant, and an empty site must not be served silently.
 */
function markdownOutsidePosts(root: string): { count: number; example: string } | undefined {
  let count = 0;
  let example: string | undefined;
  let entries = 0;
  const look = (full: string, rel: string, depth: number) => {
    for (const entry of list(full)) {
      if (++entries > ELSEWHERE_ENTRIES) return;
      if (entry.name.startsWith(".") || entry.name === "node_modules" || (rel === "" && entry.name === "posts")) continue;
      const file = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth < ELSEWHERE_DEPTH) look(path.join(/* turbopackIgnore: true */ full, entry.name), file, depth + 1);
      } else if (MARKDOWN_FILE.test(entry.name) && !/^(readme|license|changelog|contributing)\./i.test(entry.name)) {
        count += 1;
        example ??= file;
      }
    }
  };
  look(root, "", 0);
  return example === undefined ? undefined : { count, example };
}

/** Finds every post, page, section and translation of a site. Synchronous: one readdir per folder, no file is opened. */
export function discoverContent(site: Site): Discovery {
  const out = newWalk();
  // Folio's own folder is a one-section site: `posts/` (nested folders and bundles included).
  const prefix = site.kind === "folio" ? "posts" : site.contentDir;
  const start = prefix ? path.join(/* turbopackIgnore: true */ site.root, prefix) : site.root;
  walk(site, start, prefix, site.kind === "folio" ? "posts" : "", 0, out, true);
  if (out.seen >= MAX_CONTENT_FILES) out.leftOut.push({ file: `${prefix}/`, reason: `holds more than ${MAX_CONTENT_FILES} files; the rest were not read` });

  const mainSections = site.kind === "folio" ? ["posts"] : mainSectionsOf(site, out.regular, prefix);
  const isPost = (file: string, folder: string) => site.kind === "folio" || mainSections.includes(sectionOf(file, folder));
  const posts: string[] = [];
  const pages: string[] = [];
  for (const file of out.regular) (isPost(file, prefix) ? posts : pages).push(file);
  const translatedPosts: Translation[] = [];
  const translatedPages: Translation[] = [];
  const disabled = (lang: string) => site.kind === "hugo" && site.disabledLanguages.includes(lang);
  for (const translation of out.translations) {
    if (disabled(translation.lang)) out.leftOut.push({ file: translation.file, reason: `a translation into ${translation.lang}, a language the site's config disables` });
    else (isPost(translation.file, prefix) ? translatedPosts : translatedPages).push(translation);
  }
  // Another language's own content folder (`content/fr`): every regular page in it is that language's.
  for (const { lang, dir } of site.otherContentDirs) {
    if (disabled(lang)) {
      out.leftOut.push({ file: `${dir}/`, reason: `the content of ${lang}, a language the site's config disables` });
      continue;
    }
    const other = newWalk(out.seen);
    walk(site, path.join(/* turbopackIgnore: true */ site.root, dir), dir, "", 0, other, true);
    out.seen = other.seen;
    for (const section of other.sections) if (section.file) out.translatedSections.push({ dir: section.dir, file: section.file, lang });
    out.markdown += other.markdown;
    out.leftOut.push(...other.leftOut);
    for (const file of [...other.regular, ...other.translations.map((t) => t.file)]) (isPost(file, dir) ? translatedPosts : translatedPages).push({ file, lang });
  }
  const where = site.kind === "folio" ? "posts/" : mainSections.map((s) => `${prefix ? `${prefix}/` : ""}${s}/`).join(", ") || "(no section)";
  const translations = translatedPosts.length + translatedPages.length;
  const languages = new Set([...translatedPosts, ...translatedPages].map((t) => t.lang)).size;
  const summary =
    `read ${posts.length} post${posts.length === 1 ? "" : "s"} from ${where}` +
    (site.kind === "hugo" ? ` (${site.mainSections ? "the site's mainSections" : "its largest section"}) and ${pages.length} page${pages.length === 1 ? "" : "s"}` : "") +
    (translations > 0 ? `, ${translations} translation${translations === 1 ? "" : "s"} in ${languages} other language${languages === 1 ? "" : "s"}` : "") +
    `; left out ${out.leftOut.length} file${out.leftOut.length === 1 ? "" : "s"}`;
  const byFile = (a: Translation, b: Translation) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const elsewhere = site.kind === "folio" && posts.length === 0 ? markdownOutsidePosts(site.root) : undefined;
  return {
    ...(elsewhere ? { elsewhere } : {}),
    posts,
    pages,
    sections: out.sections,
    translatedSections: out.translatedSections.filter((section) => !disabled(section.lang)),
    translatedPosts: translatedPosts.sort(byFile),
    translatedPages: translatedPages.sort(byFile),
    leftOut: out.leftOut,
    mainSections,
    markdownFiles: out.markdown,
    summary,
  };
}

import "server-only";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { readCascades, type Cascade } from "./build-options";
import type { SectionFile } from "./discover";
import { lowerCaseKeys } from "./fields";
import { readFrontMatter } from "./front-matter";
import type { ParseOptions } from "./parse";
import { explicitUrlPath, makePathSanitized, aliasPath } from "./urls";

/**
 * A section of a Hugo site (a folder of posts, e.g. `post`, `posts/inner-section`) and what its `_index.md` says
 * about its list page: title, description, and the URL it answers at (its `url:`, else `/FOLDER/`).
 */
export type Section = {
  dir: string;
  file?: string;
  title?: string;
  description?: string;
  path: string;
  aliases: string[];
  /** Its own `draft`, or one a cascade from a section above gives it (see load.ts). */
  draft: boolean;
  /** Its own front-matter keys, lowercased: a cascade does not override them. */
  ownKeys: ReadonlySet<string>;
  /** What its `cascade` sets for itself and the pages and sections below it. */
  cascades: Cascade[];
};

// An `_index.md` is a title and a few lines; one that is not is read no further than this.
const MAX_SECTION_FILE_BYTES = 64 * 1024;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined;
}

function readSection(root: string, section: SectionFile, options: ParseOptions): Section {
  const lower = options.urls?.kind === "hugo" ? options.urls.disablePathToLower : false;
  const base: Section = { dir: section.dir, path: `/${makePathSanitized(section.dir, lower)}/`.replace(/\/{2,}/g, "/"), aliases: [], draft: false, ownKeys: new Set(), cascades: [] };
  if (!section.file) return base;
  try {
    const full = path.join(/* turbopackIgnore: true */ root, section.file);
    if (statSync(full).size > MAX_SECTION_FILE_BYTES) return { ...base, file: section.file };
    const read = readFrontMatter(readFileSync(full, "utf8"));
    if (!read.ok) return { ...base, file: section.file };
    const data = lowerCaseKeys(read.value.data);
    const url = text(data.url);
    const sectionPath = url ? explicitUrlPath(url) : base.path;
    const aliases = Array.isArray(data.aliases) ? data.aliases.flatMap((a) => (typeof a === "string" ? [aliasPath(a, sectionPath)] : [])) : [];
    const title = text(data.title);
    const description = text(data.description);
    const own = { ownKeys: new Set(Object.keys(data)), cascades: readCascades(data.cascade) };
    return { ...base, ...own, file: section.file, path: sectionPath, aliases, draft: data.draft === true, ...(title ? { title } : {}), ...(description ? { description } : {}) };
  } catch {
    return { ...base, file: section.file };
  }
}

/** Reads every section's `_index.md` (front matter only: a list page needs its title, description and URL). */
export function readSections(root: string, sections: readonly SectionFile[], options: ParseOptions): Section[] {
  return sections.map((section) => readSection(root, section, options));
}

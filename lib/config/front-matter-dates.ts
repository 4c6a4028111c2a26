/**
 * Hugo's `[frontmatter]` setting (resources/page/pagemeta, v0.111): for each of a page's four dates, the ordered
 * list of where it is taken from, the first that gives one winning. An entry is a front-matter field (any case) or a
 * token: `:default` (Hugo's own list for that date), `:filename` (a `YYYY-MM-DD` prefix of the file or bundle folder
 * name, which also makes the rest of the name the slug), `:fileModTime` and `:git`. Jekyll-migrated sites set
 * `date = [":filename", ":default"]`, and Hugo's URLs then depend on it.
 */

export const DATE_KEYS = ["date", "publishDate", "lastmod", "expiryDate"] as const;
export type DateKey = (typeof DATE_KEYS)[number];

/** Where each date comes from, in order: lower-cased, `:default` expanded and Hugo's alias fields added. */
export type FrontMatterDates = Record<DateKey, string[]>;

export const FILENAME = ":filename";
export const FILE_MOD_TIME = ":filemodtime";
const GIT = ":git";

// Hugo 0.111's newDefaultFrontmatterConfig, before the aliases are added.
const HUGO_DEFAULTS: FrontMatterDates = {
  date: ["date", "publishdate", "lastmod"],
  publishDate: ["publishdate", "date"],
  lastmod: [GIT, "lastmod", "date", "publishdate"],
  expiryDate: ["expirydate"],
};
// Hugo's dateFieldAliases: each field is followed by its other spellings.
const ALIASES: Record<string, string[]> = { lastmod: ["modified"], publishdate: ["pubdate", "published"], expirydate: ["unpublishdate"] };

/** The site's setting, read: the four lists, and what in it Folio cannot honour (said once by content:check). */
export type FrontMatterSetting = { dates: FrontMatterDates; warnings: string[] };

/** A list as Hugo's cast.ToStringSlice reads it: a string is split at white space. */
function toList(value: string | string[]): string[] {
  const items = typeof value === "string" ? value.split(/\s+/).filter(Boolean) : value;
  return items.map((item) => item.toLowerCase());
}

function expand(list: string[], defaults: string[]): string[] {
  const out = list.flatMap((item) => (item === ":default" ? defaults : [item]));
  return [...new Set(out.flatMap((item) => [item, ...(ALIASES[item] ?? [])]))];
}

/**
 * The four lists of a `[frontmatter]` table (keys lower-cased, as the config reader leaves them; other keys are
 * ignored, as Hugo ignores them). `:git` and unknown tokens are skipped, as Hugo 0.111 skips them without Git
 * info; each written one is a warning.
 */
export function readFrontMatterSetting(table: Partial<Record<string, string | string[]>>): FrontMatterSetting {
  const dates = { ...HUGO_DEFAULTS };
  const written = new Set<string>();
  for (const key of DATE_KEYS) {
    const value = table[key.toLowerCase()];
    if (value === undefined) continue;
    dates[key] = toList(value);
    for (const item of dates[key]) if (item.startsWith(":")) written.add(item);
  }
  for (const key of DATE_KEYS) dates[key] = expand(dates[key], HUGO_DEFAULTS[key]);
  const warnings: string[] = [];
  if (written.has(GIT)) warnings.push("':git' is not supported (Folio reads no Git history): skipped, as Hugo skips it without enableGitInfo");
  for (const token of written) {
    if (token !== GIT && token !== ":default" && token !== FILENAME && token !== FILE_MOD_TIME) warnings.push(`'${token}' is not a token Hugo knows (:default, :filename, :fileModTime, :git): skipped, as Hugo skips it`);
  }
  return { dates, warnings };
}

/** Whether any date is read from the file's modification time: only then is it part of a file's parse. */
export function usesFileModTime(dates: FrontMatterDates | undefined): boolean {
  return dates !== undefined && DATE_KEYS.some((key) => dates[key].includes(FILE_MOD_TIME));
}

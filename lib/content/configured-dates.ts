/**
 * A page's dates as a Hugo site's `[frontmatter]` setting says to take them (../config/front-matter-dates): each
 * date from the first of its sources that gives one, as Hugo 0.111's chained handlers do. Pure.
 */
import { DATE_KEYS, FILENAME, FILE_MOD_TIME, type DateKey, type FrontMatterDates } from "../config/front-matter-dates";
import { canonicalField } from "./fields";
import { fileNameDateAndSlug, parseHugoDate, type HugoDate } from "./hugo-date";

/** The one of the four dates a source names in any of its spellings (`pubdate` → publishDate), if it names one. */
function dateField(source: string): DateKey | undefined {
  const name = canonicalField(source);
  return DATE_KEYS.find((key) => key === name);
}

/** What a page's dates can come from. */
export type DateSources = {
  /** The four fields as read from front matter (any spelling). */
  fields: Partial<Record<DateKey, HugoDate>>;
  /** Other front-matter fields the setting names (`mydate`), lower-cased keys, as written. */
  custom: Record<string, unknown>;
  /** The file's name without extension, or its bundle's folder name. */
  fileName: string;
  /** The file's modification time, when a source asks for it. */
  fileModTime?: number;
  timeZone?: string;
  /** The front matter sets `slug` (even empty): `:filename` then leaves the slug alone. */
  hasSlug: boolean;
};

export type ConfiguredDates = { dates: Partial<Record<DateKey, HugoDate>>; fileSlug?: string };

/** The front-matter fields the setting names that are not one of the four: read as dates, never unknown fields. */
export function customDateFields(dates: FrontMatterDates | undefined): Set<string> {
  if (!dates) return new Set();
  return new Set(DATE_KEYS.flatMap((key) => dates[key]).filter((source) => !source.startsWith(":") && dateField(source) === undefined));
}

/**
 * Each date from its first source that gives one. `:filename` that gives one also names the slug (unless the
 * front matter sets it), whichever date asked; `:git` and unknown tokens give none (reported by content:check).
 */
export function resolveConfiguredDates(dates: FrontMatterDates, from: DateSources): ConfiguredDates {
  const out: ConfiguredDates = { dates: {} };
  const pick = (source: string): HugoDate | undefined => {
    if (source === FILENAME) {
      const named = fileNameDateAndSlug(from.fileName, from.timeZone);
      // An empty slug (`2014-01-01.md`) is none: the URL keeps the file name, as in Hugo.
      if (named && !from.hasSlug && named.slug !== "") out.fileSlug = named.slug;
      return named?.date;
    }
    if (source === FILE_MOD_TIME) return from.fileModTime === undefined ? undefined : parseHugoDate(new Date(from.fileModTime).toISOString());
    if (source.startsWith(":")) return undefined;
    const field = dateField(source);
    if (field) return from.fields[field];
    const value = from.custom[source];
    // Hugo skips a value it cannot read as a date and tries the next source.
    return typeof value === "string" ? parseHugoDate(value, from.timeZone) : undefined;
  };
  for (const key of DATE_KEYS) {
    for (const source of dates[key]) {
      const date = pick(source);
      if (date) {
        out.dates[key] = date;
        break;
      }
    }
  }
  return out;
}

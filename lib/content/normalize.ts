/**
 * Puts a post's raw front matter into the one schema's shape, the way Hugo reads it: every key under its canonical
 * name (case-insensitive, with Hugo's alternative spellings), lenient where Hugo is and it is harmless (`draft:
 * "true"`, with a warning), strict where safety needs it (a near-miss of `draft` is an error), and the dates
 * resolved with Hugo's fallbacks in the site's time zone.
 */
import { DATE_KEYS, type DateKey, type FrontMatterDates } from "../config/front-matter-dates";
import { customDateFields, resolveConfiguredDates } from "./configured-dates";
import { classifyKey } from "./fields";
import { fileNameDate, parseHugoDate, type HugoDate } from "./hugo-date";

export type Problem = { message: string; field: string; line?: number; severity: "error" | "warning"; kind: string };

export type NormalizeOptions = {
  /** IANA time zone for dates written without one (Hugo's `timeZone`); default UTC. */
  timeZone?: string;
  /** The site's taxonomies, plural and lower-cased; default Folio's and Hugo's: topics, tags, categories. */
  taxonomies?: readonly string[];
  /** Where each date comes from: a Hugo site's `[frontmatter]` setting; unset, Hugo's defaults and Folio's leniency. */
  frontMatterDates?: FrontMatterDates;
  /** The file's modification time (ms), given only when the setting reads dates from it. */
  fileModTime?: number;
};

export type Normalized = {
  data: Record<string, unknown>;
  /** Every site taxonomy the post sets, by plural name, as written (the schema checks the values). */
  taxonomies: Record<string, unknown>;
  publishedAt?: number;
  expiresAt?: number;
  /** The slug Hugo makes of a dated file name (`:filename`) when the front matter sets none. */
  fileSlug?: string;
  problems: Problem[];
};

export const DEFAULT_TAXONOMIES = ["topics", "tags", "categories"] as const;
/** 0001-01-01T00:00:00Z, Go's zero time, which Hugo gives a page without a date. */
const ZERO_DATE_MS = -62135596800000;
const FLAGS = new Set(["draft", "featured", "cta"]);
// spf13/cast's ToBool, which Hugo applies to a quoted `draft`; YAML 1.1's `yes`/`no` are not in it and stay errors.
const LENIENT_TRUE = /^(?:1|t|T|TRUE|true|True)$/;
const LENIENT_FALSE = /^(?:0|f|F|FALSE|false|False)$/;

type Lines = ReadonlyMap<string, number>;

function readFlag(key: string, value: unknown, line: number | undefined, problems: Problem[]): unknown {
  if (typeof value !== "string") return value;
  const lenient = LENIENT_TRUE.test(value) ? true : LENIENT_FALSE.test(value) ? false : undefined;
  if (lenient === undefined) return value;
  problems.push({
    message: `is the string "${value}", read as ${lenient} as Hugo reads it; write ${lenient} without quotes`,
    field: key,
    line,
    severity: "warning",
    kind: "quoted-boolean",
  });
  return lenient;
}

/**
 * Hugo's date fallbacks (pagemeta, v0.111): date = date, else publishDate, else lastmod; publishDate = publishDate,
 * else date; lastmod as written. Each takes the first value written, not the resolved one. Folio adds one harmless
 * step Hugo only has when configured: a post with no date at all takes the `YYYY-MM-DD-` prefix of its file name.
 */
function resolveDates(data: Record<string, unknown>, lines: Lines, options: NormalizeOptions, fileName: string, result: Normalized, raw: Record<string, unknown>): void {
  const read: Partial<Record<DateKey, HugoDate>> = {};
  for (const field of DATE_KEYS) {
    const value = data[field];
    if (value === undefined || value === null || value === "") {
      delete data[field];
      continue;
    }
    const parsed = typeof value === "string" ? parseHugoDate(value, options.timeZone) : undefined;
    if (!parsed) {
      result.problems.push({ message: "must be a date such as 2025-10-22 or 2025-10-22T12:19:01-05:00", field, line: lines.get(field), severity: "error", kind: "bad-date" });
      delete data[field];
      continue;
    }
    read[field] = parsed;
    data[field] = parsed.iso;
  }
  if (options.frontMatterDates) return resolveConfigured(options.frontMatterDates, read, data, options, fileName, result, raw);
  let date = read.date ?? read.publishDate ?? read.lastmod;
  if (!date) {
    const fromName = fileNameDate(fileName);
    date = fromName ? parseHugoDate(fromName, options.timeZone) : undefined;
    if (date) {
      result.problems.push({ message: `is not set; the date in the file name (${fromName}) is used`, field: "date", severity: "warning", kind: "date-from-file-name" });
    } else if (!result.problems.some((p) => p.kind === "bad-date")) {
      // Hugo dates such a post 0001-01-01 and lists it last; so does Folio, and says so.
      date = { iso: "0001-01-01", ms: ZERO_DATE_MS };
      result.problems.push({ message: "is not set (nor publishDate or lastmod); dated 0001-01-01 as Hugo does", field: "date", severity: "warning", kind: "no-date" });
    }
  }
  if (date) data.date = date.iso;
  const publish = read.publishDate ?? date;
  result.publishedAt = publish?.ms;
  result.expiresAt = read.expiryDate?.ms;
}

/**
 * The dates of a site with a `[frontmatter]` setting: each from its own list (./configured-dates), Hugo's rule, with
 * no file-name leniency beyond what the setting asks. The publish instant still falls back to the date, as without
 * the setting, so a post is never listed as published in year 1.
 */
function resolveConfigured(dates: FrontMatterDates, read: Partial<Record<DateKey, HugoDate>>, data: Record<string, unknown>, options: NormalizeOptions, fileName: string, result: Normalized, raw: Record<string, unknown>): void {
  const custom: Record<string, unknown> = {};
  const named = customDateFields(dates);
  for (const [key, value] of Object.entries(raw)) if (named.has(key.toLowerCase())) custom[key.toLowerCase()] = value;
  const hasSlug = Object.keys(raw).some((key) => key.toLowerCase() === "slug");
  const chosen = resolveConfiguredDates(dates, { fields: read, custom, fileName, fileModTime: options.fileModTime, timeZone: options.timeZone, hasSlug });
  let date = chosen.dates.date;
  if (!date && !result.problems.some((p) => p.kind === "bad-date")) {
    date = { iso: "0001-01-01", ms: ZERO_DATE_MS };
    result.problems.push({ message: "is not set by any of the site's [frontmatter] date sources; dated 0001-01-01 as Hugo does", field: "date", severity: "warning", kind: "no-date" });
  }
  if (date) data.date = date.iso;
  if (chosen.dates.lastmod) data.lastmod = chosen.dates.lastmod.iso;
  else delete data.lastmod;
  result.publishedAt = (chosen.dates.publishDate ?? date)?.ms;
  result.expiresAt = chosen.dates.expiryDate?.ms;
  if (chosen.fileSlug !== undefined) result.fileSlug = chosen.fileSlug;
}

/**
 * Whether `value` is one that field `name` (canonical) takes: a near-miss with another kind of value (`data: {…}`
 * for `date`, `cat: Tech` for `cta`) is a key of the site's own, not a slip of the finger.
 */
function couldBe(name: string, value: unknown): boolean {
  // A flag written as a word (`drfat: yes`) is still a slip: the field would have been refused or read.
  if (FLAGS.has(name)) return typeof value === "boolean" || typeof value === "number" || (typeof value === "string" && /^(true|false|yes|no|on|off|1|0)$/i.test(value.trim()));
  if ((DATE_KEYS as readonly string[]).includes(name)) return value instanceof Date || typeof value === "number" || (typeof value === "string" && parseHugoDate(value) !== undefined);
  if (name === "aliases") return typeof value === "string" || Array.isArray(value);
  return typeof value === "string" || typeof value === "number";
}

/** Normalizes one post's front matter. `lines` gives each top-level key's line as written in the file. */
export function normalizeFrontMatter(raw: Record<string, unknown>, lines: Lines, fileName: string, options: NormalizeOptions = {}): Normalized {
  const taxonomies = (options.taxonomies ?? DEFAULT_TAXONOMIES).map((t) => t.toLowerCase());
  const result: Normalized = { data: {}, taxonomies: {}, problems: [] };
  const canonicalLines = new Map<string, number>();
  const seen = new Map<string, string>();
  const customDates = customDateFields(options.frontMatterDates);
  for (const [key, value] of Object.entries(raw)) {
    const line = lines.get(key);
    const kind = classifyKey(key, taxonomies);
    if (kind.kind === "field" || kind.kind === "taxonomy") {
      const name = kind.name;
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        result.problems.push({ message: `sets the same field as '${earlier}' (Hugo reads keys without case and both spellings); keep one`, field: key, line, severity: "error", kind: "duplicate-field" });
        continue;
      }
      seen.set(name, key);
      if (line !== undefined) canonicalLines.set(name, line);
      if (kind.kind === "taxonomy") result.taxonomies[name] = value;
      else result.data[name] = FLAGS.has(name) ? readFlag(key, value, line, result.problems) : value;
      if (kind.kind === "field" && (DEFAULT_TAXONOMIES as readonly string[]).includes(name) && taxonomies.includes(name)) result.taxonomies[name] = value;
    } else if (customDates.has(key.toLowerCase())) {
      // A field the site's [frontmatter] setting reads dates from: not unknown, and read there.
      continue;
    } else if (kind.kind === "typo") {
      // An error where the slip could decide what is public: the value is one the field takes. `drfat: true` is
      // refused; `data: {…}` or `cat: Tech` is a key of the site's own (Hugo passes such keys to its templates).
      const guarded = kind.guarded && couldBe(kind.of, value);
      const why = kind.guarded && !guarded ? `: its value is not one '${kind.of}' takes` : "";
      result.problems.push({
        message: guarded
          ? `is not a field; did you mean '${kind.of}'? A misspelt field is an error so that a typo never publishes a post`
          : `is not a field; did you mean '${kind.of}'? (ignored${why})`,
        field: key,
        line,
        severity: guarded ? "error" : "warning",
        kind: guarded ? "typo" : "possible-typo",
      });
    } else if (kind.kind === "unknown") {
      result.problems.push({ message: `unknown field '${key}' is ignored (check the spelling)`, field: key, line, severity: "warning", kind: "unknown-field" });
    }
  }
  resolveDates(result.data, canonicalLines, options, fileName, result, raw);
  return result;
}

import { z } from "zod";

/**
 * ISO 8601 date (`2025-10-22`) or date-time (`2025-10-22T12:19:01-05:00`), kept as the string the author wrote.
 * A date-time without an offset is read as UTC; so is a bare date (midnight UTC).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const isoDateString = z
  .string({ error: "must be an ISO 8601 date such as 2025-10-22 or 2025-10-22T12:19:01-05:00" })
  .trim()
  // abort: a string that is not shaped like a date gets this one message, not a second "not a real date" too.
  .regex(ISO_DATE, { message: "must be an ISO 8601 date such as 2025-10-22 or 2025-10-22T12:19:01-05:00", abort: true })
  .refine((value) => isRealCalendarDate(value), "is not a real calendar date or time");

function isRealCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d, hh = "0", mm = "0", ss = "0"] = match;
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999 (Hugo's zero date is 0001-01-01).
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(m) - 1, Number(d));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(hh) < 24 &&
    Number(mm) < 60 &&
    Number(ss) < 60 &&
    !Number.isNaN(Date.parse(normalizeIsoDate(value)))
  );
}

/** Turns the author's string into one `Date.parse` reads the same way everywhere (bare dates and naive times as UTC). */
export function normalizeIsoDate(value: string): string {
  const trimmed = value.trim().replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return `${trimmed}T00:00:00Z`;
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return trimmed.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  return `${trimmed}Z`;
}

// A slug is lower-case letters (any script) and digits in runs joined by single hyphens.
const SLUG = /^[\p{Ll}\p{Lm}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lm}\p{Lo}\p{N}]+)*$/u;
const slug = z
  .string({ error: "must be a string" })
  .regex(SLUG, "must be lowercase letters, digits and single hyphens (like my-first-post)");

/**
 * Hugo's spelling of a slug or file name as Folio's: accents dropped, lower-cased, every run of anything else
 * (spaces, `_`, `--`, punctuation) one hyphen. `My Post_Name--Here` → `my-post-name-here`; "" when nothing is left.
 */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

// Hugo reads numbers and booleans in a list of terms as their text: `tags: [2024, true]` are the terms "2024", "true".
const scalarText = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)], { error: "must be a string" });
const label = scalarText.pipe(z.string().trim().min(1, "must not be empty").max(100, "is longer than 100 characters"));
const labelList = z.array(label, { error: "must be a list of strings, like [partnerships, strategy]" });
// One string is one term, spaces and all: Hugo 0.111 makes `tags: Go Lang` the one term /tags/go-lang/ (and an
// `author: Josh Aas, ISRG` one byline).
const labels = z.preprocess((value) => (typeof value === "string" ? [value] : value), labelList).default([]);
// Keywords are the exception: Hugo reads a string of them as its words (cast.ToStringSlice), `keywords: a b` is two.
const words = z.preprocess((value) => (typeof value === "string" ? value.split(/\s+/).filter(Boolean) : value), labelList).default([]);
/** A taxonomy's terms: a list (or one string) of strings, numbers or booleans, read as strings. */
export const termsSchema = labels;
const paths = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z.array(z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(2000, "is longer than 2000 characters"), { error: "must be a list of paths" }),
).default([]);
const flag = z.boolean({ error: "must be true or false (unquoted)" }).default(false);

/**
 * The one schema for a post's front matter, after the loader has put each field under its canonical name (Hugo's
 * `pubdate` is `publishDate`, `Title` is `title`), resolved the dates by Hugo's rules and read lenient booleans.
 * Every Post type in Folio is inferred from it (see postSchema). Unknown keys are stripped here.
 */
export const frontMatterSchema = z.object({
  title: z.union([z.string(), z.number().transform(String)], { error: "is required and must be a string" }).pipe(z.string().trim().min(1, "must not be empty").max(300, "is longer than 300 characters")),
  // Hugo reads a number here as its text (`description: 1` in letsencrypt.org's translations).
  description: z.union([z.string(), z.number().transform(String)], { error: "must be a string" }).pipe(z.string().trim().max(1000, "is longer than 1000 characters")).default(""),
  date: isoDateString,
  publishDate: isoDateString.optional(),
  lastmod: isoDateString.optional(),
  expiryDate: isoDateString.optional(),
  slug: scalarText.optional(),
  url: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(2000).optional(),
  aliases: paths,
  summary: z.string({ error: "must be a string" }).max(10_000, "is longer than 10000 characters").optional(),
  topics: labels,
  tags: labels,
  categories: labels,
  keywords: words,
  author: labels,
  authors: labels,
  images: paths,
  cover: z.union([z.string(), z.object({ image: z.string().optional() }).loose()], { error: "must be an image path or {image: path}" }).optional(),
  weight: z.preprocess((v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v), z.number({ error: "must be a whole number" }).int("must be a whole number").optional()),
  cta: flag,
  featured: flag,
  draft: flag,
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Whether a string is a valid post slug. */
export function isValidSlug(value: string): boolean {
  return SLUG.test(value);
}

/**
 * A post as the site uses it: validated front matter plus what the loader derives from the file (the shape shared
 * by the content, site and render sides of Hugo support: /work/notes/HUGO-SHAPE.md). The loader builds it; the
 * disk cache's copies are parsed through it again, so a stale or corrupt entry is a miss.
 */
const strings = z.array(z.string());
export const postSchema = frontMatterSchema
  .pick({ description: true, date: true, lastmod: true, url: true, summary: true, cta: true, featured: true, draft: true })
  .extend({
    // The post's own values are already read: plain strings and lists, nothing left to coerce (a cached entry of
    // another shape must be a miss, not be converted).
    title: z.string().min(1),
    aliases: strings,
    topics: strings,
    tags: strings,
    categories: strings,
    keywords: strings,
    authors: strings,
    images: strings,
    weight: z.number().int().optional(),
    /** The `slug` field, else the file name (a bundle's folder name), in Folio's spelling (see slugify). */
    slug,
    /** The slug or file name as written, when Folio's spelling differs (`My_Post`): its old URL should redirect. */
    slugAsWritten: z.string().optional(),
    /** A translation's language (never the site's default one): it answers under `/LANG/` (see ./urls). */
    lang: z.string().optional(),
    /** On a multilingual site, what its translations share: the front matter's `translationKey`, else its path. */
    translationKey: z.string().optional(),
    /** Every taxonomy of the site the post uses (tags, categories, topics, series...), by plural name. */
    taxonomies: z.record(z.string(), z.array(z.string())),
    /** Plain text before `<!--more-->`, when the body has one: the summary for lists, feeds and meta descriptions. */
    excerpt: z.string().optional(),
    /** Path relative to CONTENT_DIR, with forward slashes, e.g. `posts/hello.md`. */
    file: z.string().min(1),
    format: z.enum(["md", "mdx"]),
    frontMatter: z.enum(["yaml", "toml", "json"]),
    /** The leaf bundle's folder (`posts/my-trip` for `posts/my-trip/index.md`): its images are beside the post. */
    bundle: z.string().optional(),
    /** The first folder of `file` inside the site's content folder (Hugo's section, `post` for `content/post/x.md`). */
    section: z.string().optional(),
    /** Where the post answers (decoded): `/blog/SLUG` on Folio's own site, Hugo's URL for it on a Hugo site (./urls). */
    path: z.string().startsWith("/"),
    body: z.string(),
    /** 1-based line in the file where the body starts, for error messages. */
    bodyLine: z.number().int().positive(),
    /** SHA-256 of the file's bytes: the cache key for rendering. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Milliseconds since the epoch from which the post is public: publishDate, else date (Hugo's rule). */
    publishedAt: z.number(),
    /** Milliseconds since the epoch at which the post leaves every public output (expiryDate / unpublishdate). */
    expiresAt: z.number().optional(),
    readingMinutes: z.number().int().positive(),
    /**
     * Why Hugo would not build this page although it is no draft (its build options, a headless bundle, a draft
     * section above it, a cascade): it is in no public output, like a draft (see ./build-options).
     */
    hiddenBy: z.string().optional(),
    /** Which of `draft` and `_build` the file sets itself: a section's cascade does not override them. */
    buildKeys: z.array(z.string()).optional(),
  });

export type Post = z.infer<typeof postSchema>;

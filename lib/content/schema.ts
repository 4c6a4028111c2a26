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
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
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

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z
  .string({ error: "must be a string" })
  .regex(SLUG, "must be lowercase letters, digits and single hyphens (like my-first-post)");

const label = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(100, "is longer than 100 characters");
const labels = z.array(label, { error: "must be a list of strings, like [partnerships, strategy]" }).default([]);
const flag = z.boolean({ error: "must be true or false (unquoted)" }).default(false);

/**
 * The one schema for a post's front matter: every Post type in Folio is inferred from it (see postSchema).
 * Unknown keys are not errors (they are reported as warnings by the loader), and are stripped here.
 */
export const frontMatterSchema = z.object({
  title: z.string({ error: "is required and must be a string" }).trim().min(1, "must not be empty").max(300, "is longer than 300 characters"),
  description: z.string({ error: "must be a string" }).trim().max(1000, "is longer than 1000 characters").default(""),
  date: isoDateString,
  lastmod: isoDateString.optional(),
  slug: slug.optional(),
  topics: labels,
  tags: labels,
  cta: flag,
  featured: flag,
  draft: flag,
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** The keys the schema knows; anything else in front matter is reported as an unknown field. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(frontMatterSchema.shape));

/** Whether a string is a valid post slug. */
export function isValidSlug(value: string): boolean {
  return SLUG.test(value);
}

/**
 * A post as the site uses it: validated front matter plus what the loader derives from the file. The loader builds
 * it; the disk cache's copies are parsed through it again, so a stale or corrupt entry is a miss.
 */
export const postSchema = frontMatterSchema.extend({
  /** The `slug` field, else the file name without its extension. */
  slug,
  /** Path relative to CONTENT_DIR, with forward slashes, e.g. `posts/hello.md`. */
  file: z.string().min(1),
  format: z.enum(["md", "mdx"]),
  body: z.string(),
  /** 1-based line in the file where the body starts, for error messages. */
  bodyLine: z.number().int().positive(),
  /** SHA-256 of the file's bytes: the cache key for rendering. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Milliseconds since the epoch of `date`, for sorting and the public rule. */
  publishedAt: z.number(),
  readingMinutes: z.number().int().positive(),
});

export type Post = z.infer<typeof postSchema>;

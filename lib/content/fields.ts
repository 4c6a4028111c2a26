/**
 * The front-matter fields Folio and Hugo know, read the way Hugo reads them: keys are case-insensitive and some have
 * several spellings (`pubdate`, `published` and `publishDate` are one field). A key that is none of them but is one
 * or two typing slips from one is a probable typo: an error for the fields that decide what is public (a misspelt
 * `draft` must never publish a draft), a warning naming the field for the others.
 */

/** Canonical field name for each accepted spelling, lower-cased (Hugo 0.111's pagemeta and page__meta). */
const SPELLINGS: Record<string, string> = {
  title: "title",
  description: "description",
  date: "date",
  publishdate: "publishDate",
  pubdate: "publishDate",
  published: "publishDate",
  expirydate: "expiryDate",
  unpublishdate: "expiryDate",
  lastmod: "lastmod",
  modified: "lastmod",
  slug: "slug",
  url: "url",
  aliases: "aliases",
  summary: "summary",
  draft: "draft",
  weight: "weight",
  keywords: "keywords",
  images: "images",
  cover: "cover",
  author: "author",
  authors: "authors",
  tags: "tags",
  categories: "categories",
  topics: "topics",
  cta: "cta",
  featured: "featured",
};

/**
 * Hugo's other standard front-matter fields (gohugo.io "Front matter", v0.111) and its page-level config: read by
 * Hugo or its templates, never an unknown field, unused by Folio.
 */
const HUGO_STANDARD = [
  "audio", "build", "cascade", "headless", "isCJKLanguage", "layout", "linkTitle", "markup", "menu", "menus",
  "outputs", "params", "resources", "series", "sitemap", "translationKey", "type", "videos", "_build",
].map((k) => k.toLowerCase());

/** Fields whose misspelling could change what is public or where: a near-miss of one of these is an error. */
const GUARDED = new Set(["title", "draft", "featured", "cta", "date", "publishdate", "pubdate", "published", "expirydate", "unpublishdate", "slug", "url", "aliases"]);

export type FieldKind =
  | { kind: "field"; name: string }
  | { kind: "standard" }
  | { kind: "taxonomy"; name: string }
  | { kind: "typo"; of: string; guarded: boolean }
  | { kind: "unknown" };

/** Optimal string alignment distance (a swap of neighbours counts one), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The canonical name of a field for one of its spellings, in any case (`PubDate` → `publishDate`). */
export function canonicalField(key: string): string | undefined {
  return SPELLINGS[key.toLowerCase()];
}

/** Front matter with its top-level keys lower-cased, as Hugo reads them (a later spelling of a key wins). */
export function lowerCaseKeys(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]));
}

/**
 * What a top-level front-matter key is. `taxonomies` are the site's taxonomy names (plural, lower-cased), whose
 * keys are fields too. Typos are looked for among Folio's and Hugo's fields and the taxonomies.
 */
export function classifyKey(key: string, taxonomies: readonly string[] = []): FieldKind {
  const lower = key.toLowerCase();
  const name = canonicalField(lower);
  if (name) return { kind: "field", name };
  if (taxonomies.includes(lower)) return { kind: "taxonomy", name: lower };
  if (HUGO_STANDARD.includes(lower)) return { kind: "standard" };
  // One slip for short names, two for longer ones: `drfat`, `feautred`, `pubishdate`, but not `card` for `cta`.
  const limit = lower.length <= 5 ? 1 : 2;
  let best: { of: string; distance: number } | undefined;
  for (const known of [...Object.keys(SPELLINGS), ...taxonomies]) {
    const distance = editDistance(lower, known, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { of: known, distance };
  }
  if (!best) return { kind: "unknown" };
  return { kind: "typo", of: SPELLINGS[best.of] ?? best.of, guarded: GUARDED.has(best.of) };
}

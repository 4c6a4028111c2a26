/** A topic or tag as the site links it: its URL segment and the name the author wrote. */
export type Term = { slug: string; name: string; count: number };

/** The two kinds of term, as they appear in front matter and in URLs (`/topics/…`, `/tags/…`). */
export type TermKind = "topics" | "tags";

/** The URL segment for a topic or tag: "Business Development" → "business-development", "Café" → "cafe". */
export function termSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Whether a post lists a term, compared by slug so "Strategy" and "strategy" are one topic. */
export function hasTerm(terms: readonly string[], slug: string): boolean {
  return terms.some((name) => termSlug(name) === slug);
}

/** Every distinct term across the given lists, with how many lists carry it, most used first. */
export function collectTerms(lists: ReadonlyArray<readonly string[]>): Term[] {
  const bySlug = new Map<string, Term>();
  for (const list of lists) {
    for (const slug of new Set(list.map(termSlug))) {
      if (!slug) continue;
      const name = list.find((n) => termSlug(n) === slug)!;
      const term = bySlug.get(slug) ?? { slug, name, count: 0 };
      term.count += 1;
      bySlug.set(slug, term);
    }
  }
  return [...bySlug.values()].sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
}

// Short words a title keeps in lower case unless they come first (AP style, as Hugo titles its term pages).
const SMALL_WORDS = new Set(["a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "vs"]);

/**
 * How a topic or tag page titles itself: the author's spelling when it has any capital ("B2B Sales", "iOS"),
 * otherwise title case, since an all-lower-case name reads as the URL's slug ("strategy" → "Strategy",
 * "sales and marketing" → "Sales and Marketing"). Hugo titles its term pages the same way.
 */
export function termTitle(name: string): string {
  if (name !== name.toLowerCase()) return name;
  return name
    .split(" ")
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ");
}

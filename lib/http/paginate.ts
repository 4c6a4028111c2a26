import { site } from "@/lib/config/site";

export type Page<T> = { items: T[]; page: number; pages: number };

/** One page (1-based) of a list, or null when the page number is not a page of it. */
export function paginate<T>(items: T[], page: number, perPage: number = site.postsPerPage): Page<T> | null {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  return { items: items.slice((page - 1) * perPage, page * perPage), page, pages };
}

/** Parses a page number from a URL segment: digits only, no leading zeros. */
export function parsePageNumber(segment: string): number {
  return /^[1-9]\d{0,5}$/.test(segment) ? Number(segment) : Number.NaN;
}

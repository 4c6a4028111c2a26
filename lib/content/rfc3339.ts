import { normalizeIsoDate } from "./schema";

/**
 * A post's date as RFC 3339, keeping the offset the author wrote: `2025-10-22T12:19:01-05:00` stays as it is,
 * `2025-10-22` becomes `2025-10-22T00:00:00Z` and `2025-10-22T09:00+0100` becomes `2025-10-22T09:00:00+01:00`.
 * Dates without an offset are UTC, as everywhere else in Folio.
 */
export function toRfc3339(iso: string): string {
  return normalizeIsoDate(iso).replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?=Z|[+-])/, "$1:00");
}

/** Milliseconds since the epoch of an author's date string. */
export function instantOf(iso: string): number {
  return Date.parse(normalizeIsoDate(iso));
}

/** Of several author's date strings, the latest instant, as the author wrote it; undefined for none. */
export function latestDate(dates: readonly string[]): string | undefined {
  let latest: string | undefined;
  for (const date of dates) if (latest === undefined || instantOf(date) > instantOf(latest)) latest = date;
  return latest;
}

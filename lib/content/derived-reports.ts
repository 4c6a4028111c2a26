import type { FileReport } from "./load";

/**
 * Reports made from other reports (a file read as a page, an untitled translation given its original's title, a post
 * renamed for a contested slug), each kept while it would be made the same. The loader hands back its same index while
 * every report is the same object; a report derived afresh on every look would rebuild the index on every look.
 */
export function derivedReports(): (from: FileReport, unchanged: (known: FileReport) => boolean, make: () => FileReport) => FileReport {
  const made = new WeakMap<FileReport, FileReport>();
  // The report made from `from` last time while `unchanged` holds for it; else a new one, remembered for next time.
  return (from, unchanged, make) => {
    const known = made.get(from);
    if (known && unchanged(known)) return known;
    const report = make();
    made.set(from, report);
    return report;
  };
}

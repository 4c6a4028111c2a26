/**
 * What `content:check` prints: every error on its own line (`path:line: field: message`, the CONTRACT's format),
 * warnings grouped by kind with a count and the first few files (all of them with `verbose`), what discovery read
 * and left out, and a summary line last. Pure, so it is tested without a terminal.
 */
import { formatIssue, type ContentIssue } from "./parse";

/** What the content side found, as much of the index as the report needs. */
export type ReportInput = {
  /** Every file read; one with a `post` is valid (a post, page or translation). */
  files: readonly { file: string; post?: unknown }[];
  issues: readonly ContentIssue[];
  /** From discovery (the site side): where posts were read from, and each file left out with the reason. */
  discovery?: { summary: string; leftOut: readonly { file: string; reason: string }[] };
};

export type ReportLine = { stream: "out" | "err"; text: string };

/** How many example files a warning group shows without `verbose`. */
export const EXAMPLES_PER_GROUP = 3;

const KIND_LABELS: Record<string, string> = {
  "unknown-field": "unknown fields (ignored)",
  "possible-typo": "probable misspellings of a field (ignored)",
  "no-description": "no description, summary or <!--more--> (search engines and cards get none)",
  "no-date": "no date (dated 0001-01-01, as Hugo does)",
  "date-from-file-name": "no date in front matter (taken from the file name)",
  "slug-respelled": "slugs or file names respelled (the old spelling redirects)",
  "quoted-boolean": "quoted booleans (read as Hugo reads them)",
  "lenient-yaml": "quoted values continued on unindented lines (read as Hugo reads them)",
  mojibake: "likely mis-decoded text (mojibake)",
  "hugo-not-built": "pages Hugo does not build (build options, headless bundles, draft sections, cascades): left out",
  "cascade-not-applied": "sections cascading fields Folio does not apply below them",
  shortcode: "shortcodes left out or unresolved (no `{{<` reaches a reader)",
};

function group(issue: ContentIssue): string {
  return issue.kind ?? issue.field ?? "other";
}

/**
 * The report's lines. `prefix` is put before every file path (the CONTENT_DIR as the user gave it), so a line can be
 * pasted into an editor's "go to file".
 */
export function formatReport(input: ReportInput, options: { verbose?: boolean; prefix?: string } = {}): { lines: ReportLine[]; failed: boolean } {
  const prefix = options.prefix ?? "";
  const lines: ReportLine[] = [];
  const errors = input.issues.filter((i) => i.severity === "error");
  const warnings = input.issues.filter((i) => i.severity === "warning");
  for (const issue of errors) lines.push({ stream: "err", text: `${prefix}${formatIssue(issue)}` });

  const groups = new Map<string, ContentIssue[]>();
  for (const issue of warnings) groups.set(group(issue), [...(groups.get(group(issue)) ?? []), issue]);
  for (const [kind, issues] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const files = new Set(issues.map((i) => i.file)).size;
    lines.push({ stream: "out", text: `warning: ${KIND_LABELS[kind] ?? kind}: ${issues.length} in ${files} file${files === 1 ? "" : "s"}` });
    const shown = options.verbose ? issues : issues.slice(0, EXAMPLES_PER_GROUP);
    for (const issue of shown) lines.push({ stream: "out", text: `  ${prefix}${formatIssue(issue)}` });
    if (shown.length < issues.length) lines.push({ stream: "out", text: `  … and ${issues.length - shown.length} more (--verbose lists them all)` });
  }

  if (input.discovery) {
    lines.push({ stream: "out", text: input.discovery.summary });
    const leftOut = input.discovery.leftOut;
    const reasons = new Map<string, string[]>();
    for (const { file, reason } of leftOut) reasons.set(reason, [...(reasons.get(reason) ?? []), file]);
    for (const [reason, files] of reasons) {
      lines.push({ stream: "out", text: `left out: ${reason}: ${files.length} file${files.length === 1 ? "" : "s"}` });
      const shown = options.verbose ? files : files.slice(0, EXAMPLES_PER_GROUP);
      for (const file of shown) lines.push({ stream: "out", text: `  ${prefix}${file}` });
      if (shown.length < files.length) lines.push({ stream: "out", text: `  … and ${files.length - shown.length} more (--verbose lists them all)` });
    }
  }

  const summary = `${input.files.length} files, ${input.files.filter((f) => f.post !== undefined).length} valid, ${errors.length} errors, ${warnings.length} warnings`;
  const failed = errors.length > 0;
  lines.push(failed ? { stream: "err", text: `content:check failed: ${summary}` } : { stream: "out", text: `content:check ok: ${summary}` });
  return { lines, failed };
}

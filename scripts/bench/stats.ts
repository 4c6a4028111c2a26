/** Pure helpers for the benchmark's numbers: percentiles, ratios, budgets and the printed table. */

/** The p-th percentile (0–100) of the samples, nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median of the samples. */
export const median = (samples: readonly number[]) => percentile(samples, 50);

/** How a figure is judged: at most or at least a limit, on the figure itself or on its ratio to the anchor. */
export type Budget = { on: "value" | "ratio"; op: "<=" | ">="; limit: number; text: string };

/** One row of the results: a figure, Folio's value, the anchor's value where there is one, and its budget. */
export type Row = {
  id: string;
  figure: string;
  unit: string;
  folio: number | null;
  anchor?: { name: string; value: number | null };
  budget?: Budget;
  /** Shown in place of the formatted value (Lighthouse's four scores, say). */
  display?: string;
  note?: string;
};

/** Folio's value over the anchor's, or null when either is missing or the anchor is zero. */
export function ratio(row: Pick<Row, "folio" | "anchor">): number | null {
  const a = row.anchor?.value;
  if (row.folio === null || a === null || a === undefined || a === 0) return null;
  return row.folio / a;
}

/** "pass", "fail", or "n/a" when the row has no budget or the figure could not be measured. */
export function verdict(row: Row): "pass" | "fail" | "n/a" {
  if (!row.budget) return "n/a";
  const value = row.budget.on === "ratio" ? ratio(row) : row.folio;
  if (value === null || Number.isNaN(value)) return "n/a";
  return (row.budget.op === "<=" ? value <= row.budget.limit : value >= row.budget.limit) ? "pass" : "fail";
}

/** A number for the table: integers with thousands separators, small numbers with enough digits to read. */
export function formatNumber(value: number | null | undefined, unit = ""): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

/** A plain-text table with a header rule, columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** The printed table for one corpus size: figure | Folio | anchor | ratio | budget | verdict. */
export function resultsTable(rows: Row[]): string {
  const header = ["figure", "Folio", "anchor", "ratio", "budget", "pass/fail"];
  const body = rows.map((row) => {
    const r = ratio(row);
    return [
      row.figure,
      row.display ?? formatNumber(row.folio, row.unit),
      row.anchor ? `${formatNumber(row.anchor.value, row.unit)} (${row.anchor.name})` : "",
      r === null ? "" : `${formatNumber(r)}×`,
      row.budget?.text ?? "",
      verdict(row),
    ];
  });
  return formatTable(header, body);
}

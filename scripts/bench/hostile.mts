/**
 * Child process of the benchmark, and a command of its own (`npx tsx --conditions=react-server
 * scripts/bench/hostile.mts [--quick]`): the CPU that hostile content costs. The inputs are the hostile battery's
 * (tests/fixtures/hostile/inputs.ts; lib/content/hostile.test.ts pins how each one is refused, without a clock).
 * Each is timed as this process's CPU time, its render worker's threads included, which a busy machine inflates far
 * less than wall time; the median of `--reps` runs counts (3 with `--quick`, else 7). Prints the table, then the
 * rows as JSON on the last line. Budgets are reported, never asserted: the exit code is 0 unless a run failed.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createElement, type ReactNode } from "react";
import { invalidateContentIndex, loadContentIndex, parsePostFile, renderPost, setFrontMatterFields } from "../../lib/content/index.ts";
import { MAX_BODY_NESTING, MAX_FILE_BYTES, MAX_FRONT_MATTER_BYTES } from "../../lib/content/parse.ts";
import { ALIAS_BOMBS, DEEP_BODIES, DEEP_FRONT_MATTER, DEEP_JSX, MDX_ATTACKS, VALID, anchoredKeys, bodiesAtLimit, fm, writeHostilePosts } from "../../tests/fixtures/hostile/inputs.ts";
import { median, resultsTable, verdict, type Budget, type Row } from "./stats.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const reps = values.quick ? 3 : 7;
const root = path.resolve(import.meta.dirname, "..", "..");
// Every run must do the work: no render or parse comes from the disk cache.
process.env.FOLIO_DISK_CACHE = "0";

/** "Refused after less than a second of work" (docs/security.md), per file; the folder of them in three. */
const PER_FILE: Budget = { on: "value", op: "<=", limit: 1000, text: "≤ 1 s CPU" };
const FOLDER: Budget = { on: "value", op: "<=", limit: 3000, text: "≤ 3 s CPU" };

async function cpuMs(run: () => unknown): Promise<number> {
  const started = process.cpuUsage();
  await run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The median CPU of `reps` runs; `run` gets the run's number, so a cached step can be given new input. */
async function medianCpu(run: (rep: number) => unknown): Promise<number> {
  const samples: number[] = [];
  for (let rep = 0; rep < reps; rep++) samples.push(await cpuMs(() => run(rep)));
  return median(samples);
}

/** The costliest case: its name and its median CPU. */
async function worst(cases: ReadonlyArray<readonly [string, string]>, run: (name: string, content: string, rep: number) => unknown): Promise<{ name: string; ms: number }> {
  let found = { name: "", ms: -1 };
  for (const [name, content] of cases) {
    const ms = await medianCpu((rep) => run(name, content, rep));
    if (ms > found.ms) found = { name, ms };
  }
  return found;
}

const parse = (name: string, content: string) => parsePostFile(`posts/${name}`, Buffer.from(content));

const components = {
  Callout: (props: { type?: string; children?: ReactNode }) => createElement("aside", { "data-callout": props.type }, props.children),
  Cta: () => createElement("div", { "data-cta": "" }, "cta"),
};

/** A post through the site's render path (the worker, then MDX run here); a new paragraph per run, so no cache answers. */
async function render(name: string, body: string, rep: number): Promise<void> {
  const { post } = parse(name, fm(VALID, `\n${body}\n\nRun ${rep}.\n`));
  if (!post) throw new Error(`${name} was refused; the benchmark renders only posts the loader accepts`);
  try {
    await renderPost(post, components);
  } catch {
    // Refusing to compile is one way to stop hostile MDX; what it cost is the figure.
  }
}

/** CONTENT_DIR: the sample site with every hostile file, in a new folder (the loader remembers files by path). */
function hostileSite(temps: string[]): { dir: string; refused: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-bench-hostile-"));
  const outside = mkdtempSync(path.join(os.tmpdir(), "folio-bench-outside-"));
  temps.push(dir, outside);
  cpSync(path.join(root, "tests/fixtures/site"), dir, { recursive: true });
  return { dir, refused: writeHostilePosts(path.join(dir, "posts"), outside, MAX_FILE_BYTES).length };
}

async function main(): Promise<void> {
  // Paid once, not per case: the worker's start (Shiki's grammars, the MDX compiler) and the loader's first run.
  await render("warm.md", "Warm *up*.", -1);
  await render("warm.mdx", "<Callout>Warm</Callout>", -1);
  const temps: string[] = [];
  try {
    const { dir: first, refused } = hostileSite(temps);
    await loadContentIndex(first);
    invalidateContentIndex();

    const frontMatter = await worst([...ALIAS_BOMBS, ...DEEP_FRONT_MATTER, ["over-the-cap.md", fm(anchoredKeys(MAX_FRONT_MATTER_BYTES + 1))]], (name, content) => parse(name, content));
    const atCap = fm(anchoredKeys(MAX_FRONT_MATTER_BYTES - 100).split("\n").slice(0, -1).join("\n"));
    const capParse = await medianCpu(() => parse("many-keys.md", atCap));
    const capEdit = await medianCpu(() => setFrontMatterFields(atCap, { featured: true }));
    const body = await worst([...DEEP_BODIES, ...DEEP_JSX], (name, text) => parse(name, fm(VALID, `\n${text}\n`)));
    const limitBodies = bodiesAtLimit(MAX_BODY_NESTING).map((b, i) => [`at-limit-${i + 1}.md`, b.body] as const);
    const atLimit = await worst(limitBodies, render);
    const mdx = await worst(MDX_ATTACKS, (label, text, rep) => render(`${label}.mdx`, text, rep));
    const loads: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const dir = hostileSite(temps).dir;
      invalidateContentIndex();
      loads.push(await cpuMs(() => loadContentIndex(dir)));
    }
    const rows: Row[] = [
      { id: "hostile.front-matter", figure: "hostile front matter: CPU to refuse the worst case", unit: "ms", folio: frontMatter.ms, budget: PER_FILE, note: `worst of ${ALIAS_BOMBS.length + DEEP_FRONT_MATTER.length + 1} (alias bombs, 5,000-level nesting, over the 16 KiB cap): ${frontMatter.name}` },
      { id: "hostile.front-matter.cap", figure: "front matter at the 16 KiB cap (anchored keys): CPU to read", unit: "ms", folio: capParse, budget: PER_FILE },
      { id: "hostile.front-matter.cap-edit", figure: "  the same: CPU for the featured toggle's edit", unit: "ms", folio: capEdit, budget: PER_FILE },
      { id: "hostile.body", figure: "hostile body: CPU to refuse the worst case", unit: "ms", folio: body.ms, budget: PER_FILE, note: `worst of ${DEEP_BODIES.length + DEEP_JSX.length} (quotes, lists, JSX thousands deep): ${body.name}` },
      { id: "hostile.body.at-limit", figure: `body nested ${MAX_BODY_NESTING} deep (the limit): CPU to render`, unit: "ms", folio: atLimit.ms, budget: PER_FILE, note: `worst of ${limitBodies.length}: ${atLimit.name}` },
      { id: "hostile.mdx", figure: "hostile MDX: CPU to stop the worst case", unit: "ms", folio: mdx.ms, budget: PER_FILE, note: `worst of ${MDX_ATTACKS.length} attempts to run code: ${mdx.name}` },
      { id: "hostile.content-dir", figure: "CONTENT_DIR with every hostile file: CPU to load", unit: "ms", folio: median(loads), budget: FOLDER, note: `the sample site beside ${refused} files to refuse: bombs, deep nesting, links out, a FIFO, 1 MiB` },
    ];
    console.log(resultsTable(rows));
    for (const row of rows.filter((r) => r.note)) console.log(`- ${row.figure.trim()}: ${row.note}`);
    console.log(JSON.stringify({ reps, rows: rows.map((row) => ({ ...row, verdict: verdict(row) })), loadAverage: os.loadavg() }));
  } finally {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});

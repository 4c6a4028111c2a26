/**
 * Child process of the benchmark: render time per post on a real-world corpus, beside Hugo's time per page.
 * The corpus is every markdown page of the six real Hugo sites in tests/fixtures/hugo (as their authors wrote them),
 * plus one post near the 1 MiB cap made of them. Each body goes through Folio's render worker as a page render does
 * (no cache). The first pass renders each post once in a fresh worker, as the first readers after a start see it.
 * Then the steady state, as a server that has been up renders the posts it has not cached: after WARM_UP more
 * untimed passes (V8 takes about three to optimize the pipeline's code), the corpus is rendered 3 more times (the
 * median counts). Hugo builds each site with the stand-in theme, timed whole and divided by its pages. Prints JSON.
 * `--quick`: one timed pass after the warm-up.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderBodyForBench } from "../../lib/content/render/check.ts";
import { buildStandIn, readInventory, readsUnsafe, standInArgs, timedHugo } from "../hugo-compare/hugo.mts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const reps = values.quick ? 1 : 3;
const root = path.resolve(import.meta.dirname, "..", "..");
const fixtures = path.join(root, "tests/fixtures/hugo");
const LARGE_BYTES = 1_000_000;
// Untimed passes over the corpus between the first pass and the timed ones.
const WARM_UP = 2;
// The benchmark measures; it does not stop slow renders (the large post above all).
process.env.FOLIO_RENDER_TIMEOUT_MS ||= "600000";
process.env.FOLIO_DISK_CACHE = "0";

type Body = { site: string; file: string; body: string; unsafe: boolean };

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return /\.(md|markdown)$/.test(entry.name) && !entry.name.startsWith("_index") ? [full] : [];
  });
}

/** The body of a content file: what follows its front matter (`---`, `+++` or a JSON object). */
function bodyOf(text: string): string {
  const fence = /^(---|\+\+\+)\r?\n/.exec(text);
  if (fence) {
    const close = text.indexOf(`\n${fence[1]}`, fence[0].length);
    return close === -1 ? text : text.slice(text.indexOf("\n", close + 1) + 1);
  }
  return text;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/**
 * Wall time of a render, and CPU time: this process's CPU while it waits on the worker is the worker's work (the
 * main thread only waits), which a busy machine inflates far less than wall time.
 */
async function timeOnce(body: Body): Promise<Timed> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  await renderBodyForBench(body.body, body.unsafe);
  const used = process.cpuUsage(cpuStart);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

type Timed = { ms: number; cpuMs: number };

/** The median wall and CPU time of a few runs of one render. */
function medians(runs: Timed[]): Timed {
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

type Figures = { medianMs: number; p99Ms: number; maxMs: number; medianCpuMs: number; p99CpuMs: number };

function figures(perPost: Timed[]): Figures {
  const sorted = perPost.map((p) => p.ms).sort((a, b) => a - b);
  const sortedCpu = perPost.map((p) => p.cpuMs).sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? 0, medianCpuMs: percentile(sortedCpu, 50), p99CpuMs: percentile(sortedCpu, 99) };
}

async function main(): Promise<void> {
  const sites = existsSync(fixtures) ? readdirSync(fixtures).filter((name) => existsSync(path.join(fixtures, name, "content"))) : [];
  const bodies: Body[] = sites.flatMap((site) => {
    const unsafe = readsUnsafe(path.join(fixtures, site));
    return markdownFiles(path.join(fixtures, site, "content")).map((file) => ({ site, file: path.relative(fixtures, file), body: bodyOf(readFileSync(file, "utf8")), unsafe }));
  });
  if (bodies.length === 0) throw new Error(`no posts under ${fixtures}`);
  // The worker's own start is not a render: paid once per thread.
  await renderBodyForBench("Warm *up*.", false);
  const first = [];
  for (const body of bodies) first.push(await timeOnce(body));
  for (let pass = 0; pass < WARM_UP; pass++) for (const body of bodies) await renderBodyForBench(body.body, body.unsafe);
  // Timed passes, the corpus in order each time (never one post several times in a row).
  const warm: Timed[][] = bodies.map(() => []);
  for (let rep = 0; rep < reps; rep++) for (const [i, body] of bodies.entries()) warm[i]!.push(await timeOnce(body));
  const perPost = bodies.map((body, i) => ({ file: body.file, bytes: Buffer.byteLength(body.body), ...medians(warm[i]!) }));

  let large = "";
  for (let i = 0; Buffer.byteLength(large) < LARGE_BYTES; i++) large += `${bodies[i % bodies.length]!.body}\n\n`;
  const largeRuns: Timed[] = [];
  for (let rep = 0; rep < reps; rep++) largeRuns.push(await timeOnce({ site: "", file: "large", body: large, unsafe: true }));
  const largeTimes = medians(largeRuns);

  let hugoMs = 0;
  let hugoCpuMs: number | null = 0;
  let hugoPages = 0;
  for (const site of sites) {
    const work = path.join(os.tmpdir(), `folio-bench-hugo-${site}`);
    const { out } = buildStandIn(path.join(fixtures, site), work, () => {});
    hugoPages += readInventory(out).length;
    // Timed on a second build: the first one prepared the stand-in theme (and stubbed what fails).
    const timed = timedHugo(path.join(fixtures, site), standInArgs(work, out));
    hugoMs += timed.wallMs;
    hugoCpuMs = hugoCpuMs === null || timed.cpuMs === null ? null : hugoCpuMs + timed.cpuMs;
  }
  console.log(
    JSON.stringify({
      posts: perPost.length,
      sites,
      reps,
      warmUpPasses: WARM_UP,
      ...figures(perPost),
      firstPass: figures(first),
      medianBytes: median(perPost.map((p) => p.bytes)),
      slowest: [...perPost].sort((a, b) => b.ms - a.ms).slice(0, 3),
      largePost: { bytes: Buffer.byteLength(large), ms: largeTimes.ms, cpuMs: largeTimes.cpuMs },
      hugo: { buildMs: hugoMs, cpuMs: hugoCpuMs, pages: hugoPages, perPageMs: hugoPages ? hugoMs / hugoPages : null, perPageCpuMs: hugoPages && hugoCpuMs !== null ? hugoCpuMs / hugoPages : null },
      loadAverage: os.loadavg(),
    }),
  );
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});

/**
 * `npm run bench`: Folio's performance beside Hugo and nginx on generated corpora, one table per size, then the
 * real-world render and the CPU that hostile content costs, and bench/results.json. Options: `--counts 100,1000,5000` (the default), `--quick` (short load runs, one Hugo run),
 * `--no-lighthouse`, `--prerender N` (FOLIO_PRERENDER_POSTS for the builds), `--build-only` (only `npm run build` beside
 * Hugo's build, see ./build-only.ts). Budgets are reported, never asserted:
 * the exit code is 0 unless the benchmark itself could not run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { buildLine, measureBuild } from "./build-only";
import { DIST_DIR, measureCount, type Measured, type Options } from "./measure";
import { ensureDebianPackages, killAllServers } from "./procs";
import { rowsFor } from "./rows";
import { ratio, resultsTable, verdict, type Row } from "./stats";

const root = path.resolve(__dirname, "..", "..");

/** Reads the command line; throws on anything it does not know. */
export function parseArgs(argv: string[]): Options {
  const options: Options = { counts: [100, 1000, 5000], quick: false, lighthouse: true, buildOnly: false, chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg.startsWith("--counts")) options.counts = value().split(",").map((n) => Number(n.trim()));
    else if (arg === "--quick") options.quick = true;
    else if (arg === "--no-lighthouse") options.lighthouse = false;
    else if (arg === "--build-only") options.buildOnly = true;
    else if (arg.startsWith("--prerender")) options.prerender = Number(value());
    else throw new Error(`unknown option ${arg}; use --counts 100,1000,5000 --quick --no-lighthouse --build-only --prerender N`);
  }
  if (options.counts.length === 0 || options.counts.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error("--counts takes whole numbers above 0");
  if (options.prerender !== undefined && (!Number.isSafeInteger(options.prerender) || options.prerender < 0)) throw new Error("--prerender takes a whole number");
  return options;
}

/** The first line a tool prints about its version, wherever it prints it (nginx and wrk use stderr, or exit 1). */
function version(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return `${result.stdout ?? ""}\n${result.stderr ?? ""}`.split("\n").find((line) => line.trim())?.trim() ?? "unknown";
}

function machine() {
  const pkg = (name: string) => (JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  return {
    cpus: availableParallelism(),
    loadAverageAtStart: loadavg(),
    node: process.version,
    next: pkg("next"),
    hugo: version("hugo", ["version"]),
    nginx: version("nginx", ["-v"]),
    wrk: version("wrk", ["--version"]),
    pinning: availableParallelism() >= 2 ? "servers on CPU 0, wrk on CPU 1 (taskset)" : "none",
  };
}

function summarize(m: Measured, rows: Row[]) {
  return { ...m, rows: rows.map((row) => ({ ...row, ratio: ratio(row), verdict: verdict(row) })) };
}

/**
 * Runs one of the benchmark's child scripts (scripts/bench/NAME.mts, under tsx like `npm run bench`) and returns the
 * lines it printed, the last being its JSON; throws with its last lines of errors when it fails or prints no JSON.
 */
function runChild(script: string, quick: boolean, timeoutMs: number): string[] {
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", path.join(root, "scripts/bench", script), ...(quick ? ["--quick"] : [])], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const lines = (result.stdout ?? "").trim().split("\n");
  if (result.status !== 0 || !lines.at(-1)?.startsWith("{")) throw new Error(`${script.replace(/\.mts$/, "")} failed: ${(result.stderr ?? "").trim().split("\n").slice(-5).join(" | ")}`);
  return lines;
}

type RenderTiming = {
  posts: number;
  sites: string[];
  medianMs: number;
  p99Ms: number;
  medianCpuMs: number;
  p99CpuMs: number;
  firstPass: { medianMs: number; p99Ms: number; medianCpuMs: number; p99CpuMs: number };
  largePost: { bytes: number; ms: number; cpuMs: number };
  hugo: { pages: number; perPageMs: number | null; perPageCpuMs: number | null };
};

/**
 * Render time per post on the real-world corpus (scripts/bench/render-timing.mts, its own process), beside Hugo's
 * time per page on the same sites; printed as a table. The goal is a median under 10 ms; reported, never asserted.
 * The warm figures are a server's that has been up (its worker past V8's warm-up); the first pass, each post's first
 * render after a start.
 */
function measureRenderTiming(quick: boolean): RenderTiming {
  console.log("\n## Real-world render: the posts of six Hugo sites (tests/fixtures/hugo) through the render worker\n");
  const timing = JSON.parse(runChild("render-timing.mts", quick, 30 * 60_000).at(-1)!) as RenderTiming;
  const ms = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(1)} ms`);
  console.log("| figure | Folio (wall / CPU) | Hugo 0.111 (wall / CPU) |");
  console.log("| --- | --- | --- |");
  console.log(`| render per post, median, warm worker (steady state; ${timing.posts} posts; goal < 10 ms) | ${ms(timing.medianMs)} / ${ms(timing.medianCpuMs)} | ${ms(timing.hugo.perPageMs)} / ${ms(timing.hugo.perPageCpuMs)} per page (${timing.hugo.pages} pages, whole build) |`);
  console.log(`| render per post, p99, warm worker (steady state) | ${ms(timing.p99Ms)} / ${ms(timing.p99CpuMs)} | |`);
  const first = timing.firstPass;
  console.log(`| first render of each post in a fresh worker, median / p99 | ${ms(first.medianMs)} / ${ms(first.medianCpuMs)}; p99 ${ms(first.p99Ms)} / ${ms(first.p99CpuMs)} | |`);
  console.log(`| one ${Math.round(timing.largePost.bytes / 1024)} KiB post (goal < 2 s) | ${ms(timing.largePost.ms)} / ${ms(timing.largePost.cpuMs)} | |`);
  return timing;
}

/**
 * What hostile content costs in CPU (scripts/bench/hostile.mts, its own process, which prints its table): the CPU time
 * that lib/content/hostile.test.ts, which pins each refusal without a clock, leaves to the benchmark.
 */
function measureHostile(quick: boolean): unknown {
  console.log("\n## Hostile content: the CPU to refuse or render the hostile battery's inputs (median of runs)\n");
  const lines = runChild("hostile.mts", quick, 10 * 60_000);
  console.log(lines.slice(0, -1).join("\n"));
  return JSON.parse(lines.at(-1)!);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  ensureDebianPackages([
    { command: "/usr/bin/hugo", pkg: "hugo" },
    { command: "/usr/sbin/nginx", pkg: "nginx" },
    { command: "/usr/bin/wrk", pkg: "wrk" },
    ...(options.lighthouse ? [{ command: options.chromium, pkg: "chromium" }] : []),
  ]);
  if (options.buildOnly) return buildOnly(options);
  const started = new Date();
  const results: ReturnType<typeof summarize>[] = [];
  const failures: string[] = [];
  for (const count of options.counts) {
    const runStart = Date.now();
    try {
      const measured = await measureCount(root, count, options);
      const rows = rowsFor(measured);
      results.push(summarize(measured, rows));
      console.log(`\n## ${count} posts (${measured.published} public, ${measured.prerendered} prerendered), measured in ${((Date.now() - runStart) / 60000).toFixed(1)} min\n`);
      console.log(resultsTable(rows));
      for (const row of rows.filter((r) => r.note)) console.log(`- ${row.figure.trim()}: ${row.note}`);
      for (const c of measured.checks.filter((c) => !c.ok)) console.log(`CHECK FAILED: ${c.check}${c.detail ? ` (${c.detail})` : ""}`);
    } catch (error) {
      failures.push(`${count} posts: ${(error as Error).message}`);
      console.error(`[bench] ${count} posts could not be measured: ${(error as Error).stack ?? error}`);
    }
  }
  let renderTiming: unknown = null;
  try {
    renderTiming = measureRenderTiming(options.quick);
  } catch (error) {
    failures.push(`real-world render: ${(error as Error).message}`);
    console.error(`[bench] the real-world render timing could not be measured: ${(error as Error).message}`);
  }
  let hostile: unknown = null;
  try {
    hostile = measureHostile(options.quick);
  } catch (error) {
    failures.push(`hostile content: ${(error as Error).message}`);
    console.error(`[bench] the hostile content's CPU could not be measured: ${(error as Error).message}`);
  }
  mkdirSync(path.join(root, "bench"), { recursive: true });
  const output = { startedAt: started.toISOString(), finishedAt: new Date().toISOString(), options, buildDir: DIST_DIR, machine: machine(), results, renderTiming, hostile, failures };
  writeFileSync(path.join(root, "bench", "results.json"), `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\n[bench] wrote bench/results.json${failures.length ? `; ${failures.length} size(s) failed to run` : ""}`);
  return failures.length === 0 ? 0 : 1;
}

/** --build-only: the build beside Hugo's, per size, into bench/build-results.json. */
async function buildOnly(options: Options): Promise<number> {
  const results = [];
  for (const count of options.counts) {
    const measured = await measureBuild(root, count, options);
    console.log(buildLine(measured));
    results.push(measured);
  }
  mkdirSync(path.join(root, "bench"), { recursive: true });
  writeFileSync(path.join(root, "bench", "build-results.json"), `${JSON.stringify({ finishedAt: new Date().toISOString(), machine: machine(), results }, null, 2)}\n`);
  return 0;
}

if (require.main === module) {
  process.on("exit", killAllServers);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`[bench] ${error.message}`);
      process.exit(1);
    },
  );
}

#!/usr/bin/env node
// `npm run test:stress [-- --short] [-- --port N]`: the slow half of the hardening battery, against a production build
// of its own (port 3260 unless --port or STRESS_PORT says otherwise, .e2e-stress/, .next-stress/). 200 random 404
// URLs (disk growth), kill -9 during featured writes (20 rounds), a full disk and read-only folders (real mounts when
// root), then public-page load while a marketer toggles. Prints a table, writes
// test-results/stress.json, exits 1 on any failure. Every loop is bounded in count and time, and a watchdog ends the
// run if anything hangs. --short is the CI form: 10 s of load instead of 60.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { actionIds } from "./client.mjs";
import { crashPhase } from "./crash.mjs";
import { diskPhase, unmountAll } from "./disk.mjs";
import { loadPhase } from "./load.mjs";
import { MAX_GROWTH_BYTES, notFoundPhase } from "./notfound.mjs";
import { READER_MEDIAN_BUDGET_MS, signInFloodPhase } from "./signin-flood.mjs";
import { renderPhase } from "./render.mjs";
import { build, killAll, layout, prepare, root } from "./server.mjs";

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    port: { type: "string", default: process.env.STRESS_PORT ?? "3260" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    "skip-build": { type: "boolean", default: false },
  },
});
const where = layout(Number(values.port));
const plan = values.short
  ? { rounds: 20, loadSeconds: 10, toggleEveryMs: 2000, watchdogMs: 15 * 60_000 }
  : { rounds: 20, loadSeconds: 60, toggleEveryMs: 3000, watchdogMs: 30 * 60_000 };
const log = (line) => console.log(line);

// Whatever happens, no mount and no server outlives the run.
const watchdog = setTimeout(() => {
  console.error(`[stress] watchdog: still running after ${plan.watchdogMs / 60_000} minutes; stopping`);
  killAll();
  unmountAll();
  process.exit(2);
}, plan.watchdogMs);
watchdog.unref();
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (killAll(), unmountAll(), process.exit(130)));
process.on("exit", () => (killAll(), unmountAll()));

function row(name, ok, detail) {
  return `| ${name} | ${ok === null ? "skipped" : ok ? "pass" : "FAIL"} | ${detail} |`;
}

async function main() {
  const started = Date.now();
  log(`[stress] ${values.short ? "short" : "full"} run, seed ${values.seed}, server on ${where.base}`);
  prepare(where);
  if (!values["skip-build"]) {
    log("[stress] building (next build into .next-stress)…");
    build(where);
  }
  const ids = actionIds(where);

  log("[stress] 404s: 200 random unknown URLs, each twice");
  const notFound = await notFoundPhase(where, { count: 200, seed: Number(values.seed) });
  log("[stress] sign-in flood: 8 connections of made-up sign-ins for 20 s, one reader on a post page");
  const flood = await signInFloodPhase(where, { seconds: 20, attackers: 8, assertLatency: !values.short });

  log(`[stress] crash: ${plan.rounds} × kill -9 during a burst of featured writes`);
  const crash = await crashPhase(where, ids, { rounds: plan.rounds, seed: Number(values.seed), log });
  log("[stress] disk: a full disk and read-only folders");
  const disk = await diskPhase(where, ids);
  log(`[stress] load: ${plan.loadSeconds} s × 50 connections on public pages, toggling every ${plan.toggleEveryMs / 1000} s`);
  const load = await loadPhase(where, ids, { seconds: plan.loadSeconds, connections: 50, toggleEveryMs: plan.toggleEveryMs });

  log("[stress] render: a pathological post lands while the site is up (its page, home and search within 10 s)");
  const render = await renderPhase(where, { seconds: values.short ? 5 : 15, assertLatency: !values.short });

  const f = load.figures;
  const n = notFound.figures;
  const r = render.figures;
  const lines = [
    "| case | outcome | figures |",
    "| --- | --- | --- |",
    row(
      `${flood.figures.seconds} s × ${flood.figures.attackers} concurrent sign-ins with unknown accounts, one reader`,
      flood.ok,
      `post page p50 **${flood.figures.readerP50} ms** (budget ${READER_MEDIAN_BUDGET_MS} ms${values.short ? ", not asserted in --short" : ""}), p90 ${flood.figures.readerP90} ms, max ${flood.figures.readerMax} ms over ${flood.figures.reads} reads; sign-ins answered: ${Object.entries(flood.figures.outcomes).map(([o, c]) => `${c}× ${o}`).join(", ")}`,
    ),
    row(`${n.urls} random 404 URLs, each twice`, notFound.ok, `build folder grew by ${(n.growthBytes / 1024).toFixed(1)} KiB (limit ${MAX_GROWTH_BYTES / 1024 / 1024} MiB); answers: ${Object.entries(n.statuses).map(([s, c]) => `${c}× ${s}`).join(", ")}`),
    row(
      `kill -9 during featured writes × ${crash.rounds}`,
      crash.ok,
      `${crash.writesAcknowledged} of ${crash.writesSent} writes acknowledged before the kills; files neither old nor new: ${crash.tornFiles}; torn audit records: ${crash.tornAuditRecords} of ${crash.auditRecords}; temp files a kill left (hidden, swept after 60 s): ${crash.tempFilesLeft}; posts whose last change the audit log missed (kill between rename and append): ${crash.unrecordedAtEnd}`,
    ),
    ...(disk.skipped ? [row("full disk / read-only folders", null, disk.skipped)] : disk.cases.map((c) => row(c.label, c.ok, `"${c.message}"${c.problems.length ? `; ${c.problems.join("; ")}` : ""}`))),
    row(
      `${f.seconds} s × ${f.connections} connections, toggling`,
      load.ok,
      `${f.requests} requests (${f.rps}/s); p50 ${f.p50} ms, p90 ${f.p90} ms, p99 ${f.p99} ms, max ${f.max} ms; 5xx: ${f.status5xx}; errors: ${f.connectionErrors}; toggles acknowledged: ${f.togglesOk}/${f.toggles} (median ${f.toggleP50} ms, slowest ${f.toggleMax} ms)`,
    ),
    row(
      "a pathological post in the corpus",
      render.ok,
      `its page ${r.postMs} ms (notice shown), home ${r.homeMs} ms, search ${r.searchMs} ms (limit 10 s each${values.short ? ", not asserted in --short" : ""}); other pages' median ${Math.round(r.otherMedianBeforeMs)} ms before, ${Math.round(r.otherMedianDuringMs)} ms during (${r.otherRequests} requests)`,
    ),
  ];
  log("");
  for (const line of lines) log(line);
  const problems = [...notFound.problems.map((p) => `404s: ${p}`), ...flood.problems.map((p) => `sign-in flood: ${p}`), ...crash.problems, ...disk.cases.flatMap((c) => c.problems.map((p) => `${c.label}: ${p}`)), ...load.problems, ...render.problems.map((p) => `render: ${p}`)];
  const ok = problems.length === 0;
  const results = path.join(root, "test-results");
  mkdirSync(results, { recursive: true });
  const { results: rounds, ...crashSummary } = crash;
  writeFileSync(
    path.join(results, "stress.json"),
    `${JSON.stringify({ mode: values.short ? "short" : "full", seed: Number(values.seed), ok, problems, seconds: Math.round((Date.now() - started) / 1000), notFound, signInFlood: flood, crash: crashSummary, rounds, disk, load, render }, null, 2)}\n`,
  );
  log("");
  log(ok ? `[stress] passed in ${Math.round((Date.now() - started) / 1000)} s` : `[stress] FAILED:\n  ${problems.join("\n  ")}`);
  return ok ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(`[stress] ${error.stack ?? error.message}`);
    killAll();
    unmountAll();
    process.exit(1);
  });

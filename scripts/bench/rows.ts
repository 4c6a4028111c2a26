/** The table rows for one corpus size: each figure beside its anchor, with the budget from the benchmark issue. */
import { median } from "./desk";
import type { Measured } from "./measure";
import type { Budget, Row } from "./stats";

const MB = 1024 * 1024;
const at5000 = (count: number, budget: Budget): Budget | undefined => (count >= 5000 ? budget : undefined);
const scoreText = (s: Record<string, number>) => `${s.performance}/${s.accessibility}/${s["best-practices"]}/${s.seo}`;

export function rowsFor(m: Measured): Row[] {
  const { load } = m;
  const rows: Row[] = [
    {
      id: "build.cold",
      figure: "cold build (npm run build)",
      unit: "s",
      folio: m.build.cold.ms / 1000,
      anchor: { name: "Hugo", value: m.hugo.ms / 1000 },
      budget: at5000(m.count, { on: "ratio", op: "<=", limit: 5, text: "≤ 5× Hugo at 5,000" }),
      note: `${m.build.cold.pages ?? "?"} pages generated: ${Object.entries(m.build.pagesByRoute).slice(0, 4).map(([route, n]) => `${n} ${route}`).join(", ")}`,
    },
    { id: "build.rebuild", figure: "rebuild after one post changed", unit: "s", folio: m.build.rebuild.ms / 1000, anchor: { name: "Hugo", value: m.hugo.ms / 1000 } },
    { id: "build.memory", figure: "build peak memory", unit: "MB", folio: m.build.cold.peakRss / MB, anchor: { name: "Hugo", value: m.hugo.peakRss / MB } },
    {
      id: "index.cold",
      figure: "content index, cold (new process, after a build)",
      unit: "ms",
      folio: m.index.cached.coldMs,
      budget: at5000(m.count, { on: "value", op: "<=", limit: 1000, text: "≤ 1 s at 5,000" }),
    },
    {
      id: "index.cold-uncached",
      figure: "content index, cold (no disk cache: every file parsed)",
      unit: "ms",
      folio: m.index.uncached.coldMs,
      budget: at5000(m.count, { on: "value", op: "<=", limit: 1000, text: "≤ 1 s at 5,000" }),
    },
    {
      id: "index.warm",
      figure: "content index, warm (re-check: one stat per file)",
      unit: "ms",
      folio: m.index.cached.warmMs,
      budget: at5000(m.count, { on: "value", op: "<=", limit: 50, text: "≤ 50 ms at 5,000" }),
    },
    { id: "js.total", figure: "post page client JS (gzip)", unit: "KB", folio: m.weight.jsGzip / 1024, budget: { on: "value", op: "<=", limit: 140, text: "≤ 140 KB" } },
    { id: "js.own", figure: "  of which Folio's own", unit: "KB", folio: m.weight.ownJsGzip / 1024, budget: { on: "value", op: "<=", limit: 5, text: "≤ 5 KB" } },
    { id: "html.post", figure: "post page HTML (gzip)", unit: "KB", folio: m.weight.htmlGzip / 1024, anchor: { name: "Hugo's page", value: m.hugoPostHtml.gzip / 1024 }, note: `${(m.weight.htmlBytes / 1024).toFixed(1)} KB raw, ${(m.weight.inlineScriptBytes / 1024).toFixed(1)} KB of it inline RSC payload` },
    { id: "rps.post", figure: "post page, next start", unit: "req/s", folio: load.folioPost.rps, anchor: { name: "nginx, same HTML", value: load.nginxPost.rps }, budget: { on: "ratio", op: ">=", limit: 0.1, text: "≥ 0.10× nginx" } },
    { id: "p99.post", figure: "  latency p50 / p99", unit: "ms", folio: load.folioPost.p99, display: `${load.folioPost.p50.toFixed(1)} / ${load.folioPost.p99.toFixed(1)} ms`, anchor: { name: "nginx p99", value: load.nginxPost.p99 } },
    { id: "rps.post.proxy", figure: "post page, behind shipped nginx", unit: "req/s", folio: load.proxyPost.rps, anchor: { name: "nginx, same HTML", value: load.nginxPost.rps }, budget: { on: "ratio", op: ">=", limit: 0.8, text: "≥ 0.8× nginx" } },
    { id: "rps.home", figure: "home page, next start", unit: "req/s", folio: load.folioHome.rps, anchor: { name: "nginx, same HTML", value: load.nginxHome.rps } },
    { id: "p99.home", figure: "  latency p50 / p99", unit: "ms", folio: load.folioHome.p99, display: `${load.folioHome.p50.toFixed(1)} / ${load.folioHome.p99.toFixed(1)} ms`, anchor: { name: "nginx p99", value: load.nginxHome.p99 } },
    { id: "rps.home.proxy", figure: "home page, behind shipped nginx", unit: "req/s", folio: load.proxyHome.rps, anchor: { name: "nginx, same HTML", value: load.nginxHome.rps } },
    {
      id: "first.p95",
      figure: "first request, post not prerendered (p95)",
      unit: "ms",
      folio: m.first?.p95 ?? null,
      budget: { on: "value", op: "<=", limit: 150, text: "≤ 150 ms" },
      note: m.first
        ? `${m.first.samples.length} posts, p50 ${m.first.p50.toFixed(0)} ms, max ${Math.max(...m.first.samples).toFixed(0)} ms; the process's very first render ${m.first.processFirstMs?.toFixed(0)} ms`
        : "every post was prerendered",
    },
    {
      id: "rss",
      figure: "next start memory after load (RSS)",
      unit: "MB",
      folio: m.rssAfterLoad / MB,
      budget: at5000(m.count, { on: "value", op: "<=", limit: 300, text: "≤ 300 MB at 5,000" }),
      note: `all of next start's processes: ${m.rssByProcess.map((p) => `${p.name} ${(p.rss / MB).toFixed(0)} MB`).join(", ")}`,
    },
    {
      id: "desk.dashboard",
      figure: `dashboard, 50 rows of ${m.count.toLocaleString("en-US")} posts (median)`,
      unit: "ms",
      folio: median(m.desk.dashboard.ms),
      budget: at5000(m.count, { on: "value", op: "<=", limit: 200, text: "≤ 200 ms at 5,000" }),
      note: `samples ${m.desk.dashboard.ms.map((t) => t.toFixed(0)).join(", ")} ms; filtered and sorted by title ${median(m.desk.dashboard.filteredMs).toFixed(0)} ms; last page by last change ${median(m.desk.dashboard.lastPageMs).toFixed(0)} ms`,
    },
    { id: "desk.dashboard.html", figure: "  dashboard HTML", unit: "KB", folio: m.desk.dashboard.bytes / 1024, budget: at5000(m.count, { on: "value", op: "<=", limit: 200, text: "≤ 200 KB at 5,000" }) },
    {
      id: "desk.preview",
      figure: "editor preview, server's answer (median)",
      unit: "ms",
      folio: median(m.desk.preview.ms),
      budget: { on: "value", op: "<=", limit: 250, text: "≤ 250 ms (+ 250 ms pause = 0.5 s)" },
      note: `samples ${m.desk.preview.ms.map((t) => t.toFixed(0)).join(", ")} ms; the editor asks 250 ms after typing pauses`,
    },
    {
      id: "desk.publish",
      figure: "publish → the post answers 200 (worst)",
      unit: "ms",
      folio: Math.max(...m.desk.publish.ms),
      budget: { on: "value", op: "<=", limit: 1000, text: "≤ 1 s" },
      note: `samples ${m.desk.publish.ms.map((t) => t.toFixed(0)).join(", ")} ms; the save action's own answer ${m.desk.publish.actionMs.map((t) => t.toFixed(0)).join(", ")} ms`,
    },
    { id: "toggle.direct", figure: "featured toggle → home shows it (worst)", unit: "ms", folio: Math.max(...m.toggles.direct), budget: { on: "value", op: "<=", limit: 1000, text: "≤ 1 s" }, note: `samples ${m.toggles.direct.map((t) => t.toFixed(0)).join(", ")} ms; the action's own answer took ${m.toggleActionMs.slice(0, 4).map((t) => t.toFixed(0)).join(", ")} ms` },
    { id: "toggle.proxy", figure: "  the same, behind shipped nginx", unit: "ms", folio: Math.max(...m.toggles.proxy), budget: { on: "value", op: "<=", limit: 1000, text: "≤ 1 s" }, note: `samples ${m.toggles.proxy.map((t) => t.toFixed(0)).join(", ")} ms` },
  ];
  const two = m.twoInstances;
  if (two) {
    const worst = (samples: Array<number | null>) => (samples.length === 0 || samples.includes(null) ? null : Math.max(...(samples as number[])));
    const samples = (list: Array<number | null>) => list.map((t) => (t === null ? `> ${two.waitedMs / 1000} s` : t.toFixed(0))).join(", ");
    rows.push({
      id: "two.shared",
      figure: "two instances on Redis: session and action across them",
      unit: "",
      folio: two.sessionSharedOk && two.actionOnSecondOk ? 1 : 0,
      display: `session ${two.sessionSharedOk ? "shared" : "NOT shared"}, action ${two.actionOnSecondOk ? "runs on both" : "FAILED on the second"}`,
    });
    rows.push({
      id: "two.proxy.post",
      figure: "two instances: post page through nginx",
      unit: "req/s",
      anchor: { name: "nginx, same HTML", value: two.staticPost.rps },
      folio: two.proxyPost.rps,
      budget: { on: "ratio", op: ">=", limit: 0.9, text: "≥ 0.9× nginx" },
      note: `p50 ${two.proxyPost.p50} ms, p99 ${two.proxyPost.p99} ms; non-2xx ${two.proxyPost.non2xx}, errors ${two.proxyPost.errors}`,
    });
    rows.push({
      id: "two.toggle.other",
      figure: "two instances: toggle on one → the other's home shows it (worst)",
      unit: "ms",
      folio: worst(two.otherInstanceMs),
      display: worst(two.otherInstanceMs) === null ? `not within ${two.waitedMs / 1000} s` : undefined,
      budget: { on: "value", op: "<=", limit: 1000, text: "≤ 1 s" },
      note: `samples ${samples(two.otherInstanceMs)} ms; the action's own answer ${two.actionMs.map((t) => t.toFixed(0)).join(", ")} ms`,
    });
    rows.push({
      id: "two.toggle.nginx",
      figure: "  the same, through nginx",
      unit: "ms",
      folio: worst(two.throughNginxMs),
      display: worst(two.throughNginxMs) === null ? `not within ${two.waitedMs / 1000} s` : undefined,
      budget: { on: "value", op: "<=", limit: 1000, text: "≤ 1 s" },
      note: `samples ${samples(two.throughNginxMs)} ms`,
    });
  }
  for (const [page, scores] of Object.entries(m.lighthouse ?? {})) {
    const ok = !("error" in scores);
    rows.push({
      id: `lighthouse.${page}`,
      figure: `Lighthouse mobile, ${page} (perf/a11y/bp/seo)`,
      unit: "",
      folio: ok ? Math.min(scores.performance, scores.accessibility, scores["best-practices"], scores.seo) : null,
      display: ok ? scoreText(scores) : `error: ${scores.error.slice(0, 60)}`,
      budget: { on: "value", op: ">=", limit: 100, text: "100 on all four" },
    });
  }
  return rows;
}

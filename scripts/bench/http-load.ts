/**
 * HTTP measurements on loopback: throughput and latency with wrk (Debian), single requests timed with fetch, and a
 * page's client JavaScript and HTML weighed the way a browser would download them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { percentile } from "./stats";
import { runQuiet } from "./procs";

export type LoadResult = { rps: number; p50: number; p90: number; p95: number; p99: number; requests: number; errors: number; non2xx: number };

// wrk's Lua hook prints the summary as one JSON line: percentiles in microseconds.
const REPORT_LUA = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nWRK_JSON {"requests":%d,"duration":%d,"errors":%d,"non2xx":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99)))
end
`;

/** Loads `url` with wrk for `seconds` (one thread, `connections` connections), pinned to `cpus` when given. */
export function runWrk(url: string, options: { seconds: number; connections: number; cpus?: string; workDir: string }): LoadResult {
  const script = path.join(options.workDir, "wrk-report.lua");
  mkdirSync(options.workDir, { recursive: true });
  writeFileSync(script, REPORT_LUA);
  const args = ["-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--timeout", "10s", "-s", script, url];
  const out = options.cpus ? runQuiet("taskset", ["-c", options.cpus, "wrk", ...args]) : runQuiet("wrk", args);
  const line = /WRK_JSON (\{.*\})/.exec(out);
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = JSON.parse(line[1]!) as { requests: number; duration: number; errors: number; non2xx: number; p50: number; p90: number; p95: number; p99: number };
  const ms = (us: number) => us / 1000;
  return { rps: r.requests / (r.duration / 1e6), p50: ms(r.p50), p90: ms(r.p90), p95: ms(r.p95), p99: ms(r.p99), requests: r.requests, errors: r.errors, non2xx: r.non2xx };
}

/** Fetches `url` once and times it to the last byte. */
export async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number; body: string; headers: Headers }> {
  const start = performance.now();
  const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  return { ms: performance.now() - start, status: response.status, body, headers: response.headers };
}

/** Times one request to each URL, in turn; the p50 and p95 in ms, and any that did not answer 200. */
export async function firstRequests(urls: string[]): Promise<{ samples: number[]; p50: number; p95: number; failed: string[] }> {
  const samples: number[] = [];
  const failed: string[] = [];
  for (const url of urls) {
    const { ms, status } = await timedGet(url);
    if (status === 200) samples.push(ms);
    else failed.push(`${url} → ${status}`);
  }
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), failed };
}

export type PageWeight = {
  htmlBytes: number;
  htmlGzip: number;
  inlineScriptBytes: number;
  scripts: Array<{ src: string; bytes: number; gzip: number; own: boolean }>;
  jsGzip: number;
  ownJsGzip: number;
};

/**
 * The client JavaScript and HTML of a page: every `<script src>` a modern browser loads (not `nomodule`), gzipped.
 * `isOwn` tells Folio's own scripts from the framework's (see ownScriptClassifier).
 */
export async function weighPage(origin: string, pathname: string, isOwn: (file: string) => boolean): Promise<PageWeight> {
  const html = await (await fetch(origin + pathname)).text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[1]!), 0);
  const srcs = [...html.matchAll(/<script\b([^>]*)\bsrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/\bnomodule\b/i.test(m[1]! + m[3]!))
    .map((m) => m[2]!.replace(/&amp;/g, "&"));
  const scripts = await Promise.all(
    [...new Set(srcs)].map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer());
      return { src, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, own: isOwn(new URL(src, origin).pathname) };
    }),
  );
  return {
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gzipSync(html, { level: 9 }).length,
    inlineScriptBytes: inline,
    scripts,
    jsGzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    ownJsGzip: scripts.filter((s) => s.own).reduce((sum, s) => sum + s.gzip, 0),
  };
}

/**
 * One corpus size, measured end to end: corpus, Folio's cold build and rebuild, the content index, Hugo, then
 * `next start`, nginx serving Folio's HTML, and the shipped nginx in front of Folio, side by side on loopback.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { signIn, timeToggle } from "./admin-client";
import { measureDesk } from "./desk";
import { buildWithHugo, startShippedNginx, startStaticNginx, type HugoResult } from "./anchors";
import { publicPosts, writeCorpus, type CorpusPost } from "./corpus";
import { addUser, build, buildSummary, folioEnv, ownScriptClassifier, pagesByRoute, startFolio, timeIndex, type IndexTiming } from "./folio";
import { firstRequests, runWrk, timedGet, weighPage, type LoadResult } from "./http-load";
import { lighthouse, type LighthouseScores } from "./lighthouse";
import { DEFAULT_PRERENDER_POSTS } from "../../lib/config/env";
import { freePort, treeRss, treeRssByProcess, type Env, type Server, type Timed } from "./procs";
import { measureTwoInstances, type TwoInstances } from "./two-instances";

export type Options = { counts: number[]; quick: boolean; lighthouse: boolean; buildOnly: boolean; prerender?: number; chromium: string };

const BENCH_USER = { email: "marketer@bench.test", password: "bench-marketer-password" };
const BENCH_EDITOR = { email: "editor@bench.test", password: "bench-editor-password" };
// The secret Folio and the shipped nginx share for refreshes (deploy/make-refresh-secret.sh makes a real one).
const REFRESH_SECRET = "bench-refresh-secret-bench-refresh-secret-0123456789abcdef";
// The build folder is fixed, so Next adds it to tsconfig.json once, not once per corpus size.
export const DIST_DIR = "bench/work/next";

/** Servers on one core, the load generator on the other: a per-core comparison that other work disturbs least. */
const pin = availableParallelism() >= 2 ? { server: "0", load: "1" } : { server: undefined, load: undefined };

export type Measured = Awaited<ReturnType<typeof measureCount>>;

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

function bestOf(results: LoadResult[]): LoadResult {
  return results.reduce((best, r) => (r.rps > best.rps ? r : best));
}

/** Appends a sentence to a post's body: the "one post changed" of the rebuild, and proof the rebuild shows it. */
function editPost(contentDir: string, post: CorpusPost): string {
  const marker = `Edited for the rebuild benchmark at ${Date.now()}.`;
  appendFileSync(path.join(contentDir, post.file), `\n${marker}\n`);
  return marker;
}

export async function measureCount(root: string, count: number, options: Options) {
  const work = path.join(root, "bench", "work", `n${count}`);
  const distAbs = path.join(root, DIST_DIR);
  rmSync(work, { recursive: true, force: true });
  const contentDir = path.join(work, "content");
  const posts = writeCorpus(contentDir, count, path.join(root, "tests", "fixtures", "site", "posts", "how-to-win-a-partnership-meeting.md"));
  const published = publicPosts(posts);
  const folioPort = await freePort();
  const origin = `http://127.0.0.1:${folioPort}`;
  // Folio's own default unless told; a corpus no bigger than that prerenders half, so some posts are left to measure.
  const configured = options.prerender ?? (process.env.FOLIO_PRERENDER_POSTS ? Number(process.env.FOLIO_PRERENDER_POSTS) : DEFAULT_PRERENDER_POSTS);
  const prerendered = published.length > configured || options.prerender !== undefined ? configured : Math.floor(published.length / 2);
  const env = folioEnv({ contentDir, dataDir: path.join(work, "data"), distDir: DIST_DIR, siteUrl: origin, prerender: prerendered });
  mkdirSync(path.join(work, "data"), { recursive: true, mode: 0o700 });
  addUser(root, env, BENCH_USER.email, "marketer", BENCH_USER.password);
  addUser(root, env, BENCH_EDITOR.email, "editor", BENCH_EDITOR.password);

  log(`${count} posts: cold build`);
  rmSync(distAbs, { recursive: true, force: true });
  const cold = await build(root, env);
  const pages = pagesByRoute(distAbs);
  log(`${count} posts: cold build ${(cold.ms / 1000).toFixed(1)} s; content index`);
  const indexUncached = timeIndex(root, env, contentDir, false);
  const indexCached = timeIndex(root, env, contentDir, true);
  log(`${count} posts: Hugo`);
  const hugo = await buildWithHugo(root, contentDir, path.join(work, "hugo"), options.quick ? 1 : 3);
  const edited = published[0]!;
  const marker = editPost(contentDir, edited);
  log(`${count} posts: rebuild after one post changed`);
  const rebuild = await build(root, env);

  // The one-machine set-up of docs/deployment.md: Folio asks the shipped nginx in front of it to refresh what a change touched.
  const proxyPort = await freePort();
  const serveEnv: Env = { ...env, FOLIO_NGINX_REFRESH_URLS: `http://127.0.0.1:${proxyPort}`, FOLIO_NGINX_REFRESH_SECRET: REFRESH_SECRET };
  const folio = await startFolio(root, serveEnv, folioPort, pin.server);
  const servers: Server[] = [folio];
  try {
    return await measureServing({ root, work, count, options, origin, proxyPort, env, folio, servers, distAbs, published, edited, marker, prerendered, posts, extra: { cold, rebuild, hugo, indexUncached, indexCached, pages } });
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

type LoadKey = "nginxPost" | "folioPost" | "proxyPost" | "nginxHome" | "folioHome" | "proxyHome";

type ServingInput = {
  root: string;
  work: string;
  count: number;
  /** Where the shipped nginx in front of Folio listens (Folio was started knowing it, to ask it for refreshes). */
  proxyPort: number;
  options: Options;
  origin: string;
  env: Env;
  folio: Server;
  servers: Server[];
  distAbs: string;
  published: CorpusPost[];
  posts: CorpusPost[];
  edited: CorpusPost;
  marker: string;
  prerendered: number;
  extra: { cold: Timed; rebuild: Timed; hugo: HugoResult; indexUncached: IndexTiming; indexCached: IndexTiming; pages: Record<string, number> };
};

async function measureServing(input: ServingInput) {
  const { root, work, count, options, origin, proxyPort, folio, servers, distAbs, published, posts } = input;
  const postPath = `/blog/${published[0]!.slug}`;
  const checks: Array<{ check: string; ok: boolean; detail?: string }> = [];
  const check = (name: string, ok: boolean, detail?: string) => checks.push({ check: name, ok, ...(detail ? { detail } : {}) });

  const postPage = await timedGet(origin + postPath);
  check("the edited post shows the edit after the rebuild", postPage.body.includes(input.marker));
  const draft = posts.find((p) => p.draft);
  const scheduled = posts.find((p) => p.scheduled);
  for (const hidden of [draft, scheduled].filter((p): p is CorpusPost => p !== undefined)) {
    const { status } = await timedGet(`${origin}/blog/${hidden.slug}`);
    check(`${hidden.draft ? "a draft" : "a scheduled post"} answers 404`, status === 404, `status ${status}`);
  }
  const home = await timedGet(origin + "/");
  const weight = await weighPage(origin, postPath, ownScriptClassifier(distAbs, "(site)/blog/[slug]"));

  // Older public posts were not prerendered: each one's first request renders it.
  // The oldest one is rendered first and set apart: the first render of a fresh process also loads the page's code.
  const older = published.slice(input.prerendered);
  const coldRender = older.length > 0 ? await timedGet(`${origin}/blog/${older.at(-1)!.slug}`) : undefined;
  const candidates = older.slice(0, -1);
  const sampleSize = Math.min(options.quick ? 10 : 20, candidates.length);
  const step = sampleSize > 0 ? Math.max(1, Math.floor(candidates.length / sampleSize)) : 1;
  const firstUrls = Array.from({ length: sampleSize }, (_, i) => `${origin}/blog/${candidates[i * step]!.slug}`);
  log(`${count} posts: first requests of ${firstUrls.length} posts not prerendered`);
  const first = firstUrls.length > 0 ? { ...(await firstRequests(firstUrls)), processFirstMs: coldRender?.ms } : undefined;
  if (first) check("every post not prerendered answers 200 on its first request", first.failed.length === 0 && coldRender?.status === 200, first.failed.join("; "));

  const staticPort = await freePort();
  const anchor = await startStaticNginx(path.join(work, "nginx-static"), staticPort, { [postPath]: postPage.body, "/": home.body }, pin.server);
  servers.push(anchor);
  const proxy = await startShippedNginx(root, path.join(work, "nginx-proxy"), proxyPort, [Number(new URL(origin).port)], pin.server, REFRESH_SECRET);
  servers.push(proxy);
  const viaProxy = await timedGet(`http://127.0.0.1:${proxyPort}${postPath}`);
  check("the shipped nginx passes the post page through unchanged", viaProxy.status === 200 && viaProxy.body.includes(published[0]!.title));

  const seconds = options.quick ? 3 : 5;
  const load = (url: string) => runWrk(url, { seconds, connections: 50, cpus: pin.load, workDir: work });
  // Best of three short rounds, servers alternating: the machine's other work disturbs each figure alike.
  const rounds = options.quick ? 1 : 3;
  const runs: Record<LoadKey, LoadResult[]> = { nginxPost: [], folioPost: [], proxyPost: [], nginxHome: [], folioHome: [], proxyHome: [] };
  // Warm every path first.
  for (const url of [origin + postPath, origin + "/", `http://127.0.0.1:${proxyPort}${postPath}`]) runWrk(url, { seconds: 1, connections: 10, cpus: pin.load, workDir: work });
  for (let round = 0; round < rounds; round++) {
    log(`${count} posts: load round ${round + 1}/${rounds} (${seconds} s per figure)`);
    runs.nginxPost.push(load(`http://127.0.0.1:${staticPort}${postPath}`));
    runs.folioPost.push(load(origin + postPath));
    runs.proxyPost.push(load(`http://127.0.0.1:${proxyPort}${postPath}`));
    runs.nginxHome.push(load(`http://127.0.0.1:${staticPort}/`));
    runs.folioHome.push(load(origin + "/"));
    runs.proxyHome.push(load(`http://127.0.0.1:${proxyPort}/`));
  }
  const rssAfterLoad = treeRss(folio.child.pid!);
  const rssByProcess = treeRssByProcess(folio.child.pid!);

  log(`${count} posts: featured toggle`);
  const distDir = distAbs;
  const cookie = await signIn(origin, distDir, BENCH_USER.email, BENCH_USER.password);
  const target = published.find((p) => !p.featured && published.indexOf(p) > 8) ?? published.find((p) => !p.featured)!;
  const toggles: Record<"direct" | "proxy", number[]> = { direct: [], proxy: [] };
  const actionMs: number[] = [];
  for (const [name, pollOrigin] of [["direct", origin], ["proxy", `http://127.0.0.1:${proxyPort}`]] as const) {
    for (const featured of [true, false, true, false]) {
      const toggle = await timeToggle({ actionOrigin: origin, pollOrigin, distDir, cookie, slug: target.slug, title: target.title, featured });
      toggles[name].push(toggle.ms);
      actionMs.push(toggle.actionMs);
    }
  }

  log(`${count} posts: the writing desk (dashboard, preview, publish to live)`);
  const editorCookie = await signIn(origin, distDir, BENCH_EDITOR.email, BENCH_EDITOR.password);
  const desk = await measureDesk({ origin, distDir, cookie: editorCookie, count: posts.length, post: published[1] ?? published[0]! });

  // Scaling past one process: at the first corpus size of the run only.
  let twoInstances: TwoInstances | undefined;
  if (count === options.counts[0]) {
    log(`${count} posts: two instances on Redis behind the shipped nginx`);
    const other = published.find((p) => !p.featured && p.slug !== target.slug && published.indexOf(p) > 8) ?? target;
    twoInstances = await measureTwoInstances({
      root,
      work,
      distDir: DIST_DIR,
      contentDir: path.join(work, "content"),
      cpus: pin.server,
      loadCpus: pin.load,
      staticPostUrl: `http://127.0.0.1:${staticPort}${postPath}`,
      postPath,
      post: other,
      quick: options.quick,
    });
  }

  let scores: Record<string, LighthouseScores | { error: string }> | undefined;
  if (options.lighthouse) {
    const topic = published[0]!.topics[0]!.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    scores = {};
    for (const [name, pathname] of [["home", "/"], ["post", postPath], ["topic", `/topics/${topic}`]] as const) {
      log(`${count} posts: Lighthouse ${name}`);
      scores[name] = await lighthouse(root, origin + pathname, path.join(work, "lighthouse"), name, options.chromium);
    }
  }
  const hugoPost = readFileSync(path.join(work, "hugo", "public", "blog", published[0]!.slug, "index.html"));
  return {
    count,
    published: published.length,
    prerendered: Math.min(input.prerendered, published.length),
    build: { cold: trimBuild(input.extra.cold), rebuild: trimBuild(input.extra.rebuild), pagesByRoute: input.extra.pages },
    hugo: input.extra.hugo,
    index: { uncached: input.extra.indexUncached, cached: input.extra.indexCached },
    weight,
    hugoPostHtml: { bytes: hugoPost.length, gzip: gzipSync(hugoPost, { level: 9 }).length },
    first,
    load: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, bestOf(v)])) as Record<LoadKey, LoadResult>,
    loadRuns: runs,
    rssAfterLoad,
    rssByProcess,
    toggles,
    toggleActionMs: actionMs,
    desk,
    lighthouse: scores,
    twoInstances,
    checks,
  };
}

function trimBuild(run: { ms: number; peakRss: number; output: string }) {
  return { ms: run.ms, peakRss: run.peakRss, ...buildSummary(run.output) };
}

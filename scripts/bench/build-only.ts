/**
 * `npm run bench -- --build-only --counts 5000,20000`: only the build, the figure issue 11 sets a goal for. Per size:
 * the corpus, `npm run build` timed whole (its content check first, then `next build`) and again as its parts, and
 * Hugo's build of the same posts; the ratio to Hugo and the pages prerendered by route.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildWithHugo } from "./anchors";
import { publicPosts, writeCorpus } from "./corpus";
import { build, buildSummary, folioEnv, pagesByRoute } from "./folio";
import { DIST_DIR } from "./measure";
import { runTimed } from "./procs";

export type BuildMeasure = {
  count: number;
  published: number;
  folio: { ms: number; peakRss: number; contentCheckMs: number; compileSeconds?: number; generateSeconds?: number; pages?: number };
  hugo: { ms: number; pages: number };
  ratio: number;
  pagesByRoute: Record<string, number>;
};

export async function measureBuild(root: string, count: number, options: { prerender?: number; quick: boolean }): Promise<BuildMeasure> {
  const work = path.join(root, "bench", "work", `build-n${count}`);
  rmSync(work, { recursive: true, force: true });
  const contentDir = path.join(work, "content");
  const posts = writeCorpus(contentDir, count, path.join(root, "tests", "fixtures", "site", "posts", "how-to-win-a-partnership-meeting.md"));
  mkdirSync(path.join(work, "data"), { recursive: true, mode: 0o700 });
  const env = folioEnv({ contentDir, dataDir: path.join(work, "data"), distDir: DIST_DIR, siteUrl: "http://127.0.0.1:3000", prerender: options.prerender });
  // A cold build: no parsed or rendered post from an earlier run in the build folder's disk cache.
  rmSync(path.join(root, DIST_DIR), { recursive: true, force: true });
  const whole = await build(root, env);
  const check = await runTimed("npm", ["run", "--silent", "content:check"], { cwd: root, env });
  const hugo = await buildWithHugo(root, contentDir, path.join(work, "hugo"), options.quick ? 1 : 3);
  return {
    count,
    published: publicPosts(posts).length,
    folio: { ms: whole.ms, peakRss: whole.peakRss, contentCheckMs: check.ms, ...buildSummary(whole.output) },
    hugo: { ms: hugo.ms, pages: hugo.pages },
    ratio: whole.ms / hugo.ms,
    pagesByRoute: pagesByRoute(path.join(root, DIST_DIR)),
  };
}

/** One line per size for the console. */
export function buildLine(m: BuildMeasure): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const parts = [`compile ${m.folio.compileSeconds?.toFixed(1) ?? "?"} s`, `generate ${m.folio.generateSeconds?.toFixed(1) ?? "?"} s (${m.folio.pages ?? "?"} pages)`, `content:check ${s(m.folio.contentCheckMs)}`];
  return `${m.count} posts: npm run build ${s(m.folio.ms)} (${parts.join(", ")}), Hugo ${s(m.hugo.ms)} (${m.hugo.pages} pages): ${m.ratio.toFixed(1)}x`;
}

/** Lighthouse (the npm package) in Debian's Chromium, mobile (its default), the four category scores of a page. */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runTimed } from "./procs";

export type LighthouseScores = { performance: number; accessibility: number; "best-practices": number; seo: number };

const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Runs Lighthouse on `url` and returns its scores out of 100, or an error message. */
export async function lighthouse(root: string, url: string, outDir: string, name: string, chromium: string): Promise<LighthouseScores | { error: string }> {
  mkdirSync(outDir, { recursive: true });
  const report = path.join(outDir, `${name}.json`);
  const args = [
    url,
    "--output=json",
    `--output-path=${report}`,
    "--quiet",
    "--only-categories=performance,accessibility,best-practices,seo",
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
  ];
  const run = await runTimed(path.join(root, "node_modules", ".bin", "lighthouse"), args, {
    cwd: root,
    env: { ...process.env, CHROME_PATH: chromium },
    timeoutMs: 180_000,
  });
  if (run.code !== 0) return { error: run.output.split("\n").filter(Boolean).slice(-3).join(" ") };
  const categories = (JSON.parse(readFileSync(report, "utf8")) as { categories: Record<string, { score: number | null }> }).categories;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  return { performance: score("performance"), accessibility: score("accessibility"), "best-practices": score("best-practices"), seo: score("seo") };
}

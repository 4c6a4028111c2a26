/**
 * Child process of the benchmark: loads and validates CONTENT_DIR's whole index in-process through
 * lib/content/load.ts, cold (first call in a fresh process) and warm (once the loaded index has aged past
 * INDEX_MAX_AGE_MS, so every file is looked at again), and prints the times as JSON.
 * FOLIO_DISK_CACHE=0 makes "cold" a real parse of every file; otherwise parses come from the build's disk cache.
 */
import { INDEX_MAX_AGE_MS, loadContentIndex } from "../../lib/content/load";

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: index-timing.ts CONTENT_DIR");
  const coldStart = performance.now();
  const cold = await loadContentIndex(dir);
  const coldMs = performance.now() - coldStart;
  const warmSamples: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const start = performance.now();
    await loadContentIndex(dir, Date.now() + i * (INDEX_MAX_AGE_MS + 1));
    warmSamples.push(performance.now() - start);
  }
  const errors = cold.issues.filter((issue) => issue.severity === "error").length;
  console.log(JSON.stringify({ coldMs, warmMs: Math.min(...warmSamples), warmSamples, files: cold.files.length, posts: cold.posts.length, errors }));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

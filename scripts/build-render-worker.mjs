#!/usr/bin/env node
// Bundles the render worker (lib/content/render/worker-entry.ts and the markdown pipeline behind it) to
// .folio/render-worker.mjs, loaded by absolute path at run time so `next start`, vitest and tsx scripts share one
// file and no bundler has to understand a worker. Packages stay external (resolved from node_modules); `server-only`
// is stubbed, as the react-server condition would. Writes the list of inputs beside it, so a stale bundle is seen.
// Run by `npm run build` (prebuild), vitest's global setup, and lazily by lib/content/render/pool.ts.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".folio");

/** Builds the worker bundle; returns its path. */
export async function buildRenderWorker() {
  mkdirSync(out, { recursive: true });
  const temp = path.join(out, `render-worker.${process.pid}.${Date.now()}.tmp.mjs`);
  const result = await build({
    entryPoints: [path.join(root, "lib/content/render/worker-entry.ts")],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: temp,
    metafile: true,
    logLevel: "error",
    plugins: [
      {
        name: "server-only-stub",
        setup(b) {
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "folio-stub" }));
          b.onLoad({ filter: /.*/, namespace: "folio-stub" }, () => ({ contents: "export {};", loader: "js" }));
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("folio-stub:"));
  const file = path.join(out, "render-worker.mjs");
  renameSync(temp, file);
  writeFileSync(path.join(out, "render-worker.inputs.json"), `${JSON.stringify(inputs)}\n`);
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildRenderWorker().then(
    (file) => console.log(`render worker: ${path.relative(root, file)}`),
    (error) => {
      console.error(`render worker: build failed: ${error.message}`);
      process.exit(1);
    },
  );
}

// Vitest global setup: builds the render worker bundle once before any test file starts workers from it.
export default async function setup() {
  // @ts-expect-error: a plain .mjs script without type declarations.
  const { buildRenderWorker } = await import("../scripts/build-render-worker.mjs");
  await buildRenderWorker();
}

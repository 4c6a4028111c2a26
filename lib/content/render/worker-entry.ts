import { parentPort } from "node:worker_threads";
import { renderBody } from "./body";
import { bodyTaskSchema } from "./task";

/**
 * The render worker (bundled by scripts/build-render-worker.mjs to .folio/render-worker.mjs, started by pool.ts):
 * renders one body at a time, under the pool's time limit and its thread's memory limit. Untrusted input only ever
 * reaches the markdown and MDX parsers here, never on a thread that serves requests.
 */
const port = parentPort;
if (!port) throw new Error("render-worker: must run as a worker thread");

port.on("message", async (message: { id: number; task: unknown }) => {
  try {
    const result = await renderBody(bodyTaskSchema.parse(message.task));
    port.postMessage({ id: message.id, ok: true, result });
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

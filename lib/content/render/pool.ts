import "server-only";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { readEnv } from "@/lib/config/env";
import { renderedBodySchema, type BodyTask, type RenderedBody } from "./task";

/**
 * The render worker pool: bodies are rendered on worker threads with a memory limit (resourceLimits) and a time
 * limit (FOLIO_RENDER_TIMEOUT_MS, counted from the moment a worker takes the task), so a post that is valid
 * markdown but pathological for the parser is stopped, and the thread serving requests never runs the parser.
 * Page renders go ahead of batch work (search index, feeds, content:check). Workers are kept warm (Shiki's start-up
 * is paid once per thread) and do not keep a script's process alive when idle.
 */

/**
 * Why a render did not finish: stopped at the time limit, out of memory, failed on the post (an MDX syntax error),
 * a worker that crashed or stopped for another reason, or refused for a full queue.
 */
export class RenderFailure extends Error {
  constructor(
    readonly kind: "timeout" | "memory" | "error" | "crash" | "busy",
    message: string,
  ) {
    super(message);
    this.name = "RenderFailure";
  }
}

export type Priority = "page" | "batch";

const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
// Tasks reference bodies the content index already holds; a search over a large site queues one per post.
const MAX_QUEUE = 20_000;
// A first render loads the pipeline's modules and starts Shiki before the worker takes a post, so no post's time
// limit pays for them (grammars load with the first post that needs them).
const WARM_UP: BodyTask = { format: "md", body: "# Warm\n\n```js\nconst x = 1;\n```\n", unsafeHtml: false, refs: {}, params: {}, components: [] };

type Job = { task: BodyTask; resolve: (body: RenderedBody) => void; reject: (error: RenderFailure) => void };
type Slot = { worker: Worker; ready: boolean; job?: Job; timer?: NodeJS.Timeout; nextId: number };

const root = () => process.cwd();
let checkedBuild = false;

/** The worker bundle's path, rebuilt first when a source it was built from is newer (dev, tests, scripts). */
export function workerFile(): string {
  const file = path.join(/* turbopackIgnore: true */ root(), ".folio", "render-worker.mjs");
  if (checkedBuild && existsSync(file)) return file;
  const script = path.join(/* turbopackIgnore: true */ root(), "scripts", "build-render-worker.mjs");
  if (existsSync(script) && isStale(file)) execFileSync(process.execPath, [script], { stdio: ["ignore", "ignore", "inherit"] });
  checkedBuild = true;
  if (!existsSync(file)) throw new RenderFailure("crash", `the render worker ${file} is missing; run npm run build`);
  return file;
}

function isStale(file: string): boolean {
  try {
    const built = statSync(file).mtimeMs;
    const inputs: unknown = JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ path.dirname(file), "render-worker.inputs.json"), "utf8"));
    if (!Array.isArray(inputs)) return true;
    return inputs.some((input) => {
      try {
        return statSync(path.join(/* turbopackIgnore: true */ root(), String(input))).mtimeMs > built;
      } catch {
        return true;
      }
    });
  } catch {
    return true;
  }
}

class RenderPool {
  private readonly slots = new Set<Slot>();
  private readonly queues: Record<Priority, Job[]> = { page: [], batch: [] };
  private failedStarts = 0;

  constructor(private readonly threads: number) {}

  /** Starts every thread now (server start), so no reader waits for a worker's start-up. */
  warm(): void {
    while (this.slots.size < this.threads) this.spawn();
  }

  run(task: BodyTask, priority: Priority): Promise<RenderedBody> {
    return new Promise((resolve, reject) => {
      if (this.queues.page.length + this.queues.batch.length >= MAX_QUEUE) {
        reject(new RenderFailure("busy", "the render queue is full"));
        return;
      }
      this.queues[priority].push({ task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queues.page.shift() ?? this.queues.batch.shift();
      if (!job) break;
      this.start(slot, job);
    }
    const waiting = this.queues.page.length + this.queues.batch.length;
    const starting = [...this.slots].filter((slot) => !slot.ready).length;
    if (waiting > starting && this.slots.size < this.threads) this.spawn();
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    const id = ++slot.nextId;
    slot.timer = setTimeout(() => this.fail(slot, new RenderFailure("timeout", `stopped after ${timeoutMs()} ms`)), timeoutMs());
    slot.worker.postMessage({ id, task: job.task });
  }

  private spawn(): void {
    const worker = new Worker(workerFile(), { resourceLimits: RESOURCE_LIMITS, stdout: false, stderr: false });
    const slot: Slot = { worker, ready: false, nextId: 0 };
    this.slots.add(slot);
    worker.on("message", (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      if (!slot.ready) {
        slot.ready = true;
        this.failedStarts = 0;
        worker.unref();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || message.id !== slot.nextId) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      worker.unref();
      const parsed = message.ok ? renderedBodySchema.safeParse(message.result) : null;
      if (parsed?.success) job.resolve(parsed.data);
      else job.reject(new RenderFailure("error", message.error ?? "the render worker answered with something that is not a rendered body"));
      this.dispatch();
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.fail(slot, new RenderFailure(memory ? "memory" : "crash", memory ? "ran out of memory" : error.message));
    });
    worker.on("exit", () => this.fail(slot, new RenderFailure("crash", "the render worker stopped")));
    worker.postMessage({ id: 0, task: WARM_UP });
  }

  /** Ends a worker and its task (time limit, memory, crash); the task fails, the pool starts a fresh worker as needed. */
  private fail(slot: Slot, failure: RenderFailure): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    job?.reject(failure);
    // A worker that cannot even start (a broken bundle) must not be restarted forever: fail what waits instead.
    if (!slot.ready && ++this.failedStarts >= 3) {
      this.failedStarts = 0;
      for (const waiting of [...this.queues.page.splice(0), ...this.queues.batch.splice(0)]) waiting.reject(new RenderFailure("crash", `the render worker could not start: ${failure.message}`));
      return;
    }
    // A stopped worker is replaced at once, warm before the next post needs it.
    if (slot.ready) this.spawn();
    this.dispatch();
  }
}

/**
 * The time limit of one render. `next build` runs several build workers, each with its render threads, on the same
 * cores: there the limit is six times longer, so a healthy post is never baked into a page as unrenderable (a
 * pathological one still stops, and its page heals at its first revalidation).
 */
function timeoutMs(): number {
  const limit = readEnv("FOLIO_RENDER_TIMEOUT_MS");
  return process.env.NEXT_PHASE === "phase-production-build" ? limit * 6 : limit;
}

let pool: RenderPool | undefined;
const thePool = () => (pool ??= new RenderPool(readEnv("FOLIO_RENDER_THREADS") || Math.min(2, Math.max(1, availableParallelism()))));

/** Renders one body on the pool (started on first use): resolves with the result, rejects with a RenderFailure. */
export function renderInWorker(task: BodyTask, priority: Priority = "page"): Promise<RenderedBody> {
  return thePool().run(task, priority);
}

/** Starts the pool's threads ahead of the first render (the server's start-up calls it). */
export function warmRenderPool(): void {
  thePool().warm();
}

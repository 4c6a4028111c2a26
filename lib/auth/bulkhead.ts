import "server-only";

/** What {@link Bulkhead.run} answers instead of running the task: too many are running and waiting already. */
export const BUSY = Symbol("busy");

/**
 * A bulkhead: at most `maxActive` tasks run at once, at most `maxQueued` wait (each at most `maxWaitMs`), and
 * anything beyond answers {@link BUSY} at once, without running. Sign-in puts each password hash behind one, so a
 * flood of attempts costs one or two cores' worth of scrypt, never the whole machine (nor the libuv threads that
 * readers' file reads share).
 */
export class Bulkhead {
  private active = 0;
  private readonly waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    readonly maxActive: number,
    readonly maxQueued: number,
    readonly maxWaitMs: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxQueued) return BUSY;
      const admitted = await new Promise<boolean>((resolve) => {
        const slot = {
          start: () => resolve(true),
          timer: setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(slot), 1);
            resolve(false);
          }, this.maxWaitMs),
        };
        this.waiting.push(slot);
      });
      if (!admitted) return BUSY;
    } else {
      this.active += 1;
    }
    try {
      return await task();
    } finally {
      this.handOver();
    }
  }

  /** Passes this task's slot to the next in line, or frees it. */
  private handOver(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.active -= 1;
      return;
    }
    clearTimeout(next.timer);
    next.start();
  }

  /** Tasks running now, and waiting. */
  load(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }
}

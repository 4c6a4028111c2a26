import { describe, expect, it } from "vitest";
import { Bulkhead, BUSY } from "./bulkhead";

const deferred = () => {
  let resolve: (value: string) => void = () => undefined;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
};

describe("Bulkhead", () => {
  it("runs up to maxActive at once, queues up to maxQueued, and answers BUSY beyond, without running the task", async () => {
    const bulkhead = new Bulkhead(1, 2, 60_000);
    const first = deferred();
    let ran = 0;
    const task = (d: ReturnType<typeof deferred>) => () => ((ran += 1), d.promise);
    const running = bulkhead.run(task(first));
    const queued = [deferred(), deferred()];
    const waiting = queued.map((d) => bulkhead.run(task(d)));
    expect(bulkhead.load()).toEqual({ active: 1, queued: 2 });
    expect(await bulkhead.run(async () => "never")).toBe(BUSY);
    expect(ran).toBe(1);
    first.resolve("a");
    expect(await running).toBe("a");
    queued[0]!.resolve("b");
    queued[1]!.resolve("c");
    expect(await Promise.all(waiting)).toEqual(["b", "c"]);
    expect(ran).toBe(3);
    expect(bulkhead.load()).toEqual({ active: 0, queued: 0 });
  });

  it("a task that waited longer than maxWaitMs answers BUSY and never runs", async () => {
    const bulkhead = new Bulkhead(1, 4, 50);
    const first = deferred();
    const running = bulkhead.run(() => first.promise);
    let ran = false;
    expect(await bulkhead.run(async () => ((ran = true), "late"))).toBe(BUSY);
    expect(ran).toBe(false);
    first.resolve("done");
    await running;
    expect(bulkhead.load()).toEqual({ active: 0, queued: 0 });
  });

  it("frees the slot when a task throws", async () => {
    const bulkhead = new Bulkhead(1, 0, 0);
    await expect(bulkhead.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await bulkhead.run(async () => "ok")).toBe("ok");
  });
});

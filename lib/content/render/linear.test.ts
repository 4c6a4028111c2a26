import type { Root } from "mdast";
import { EditMap } from "micromark-util-edit-map";
import { describe, expect, it } from "vitest";
import { createIdFactory } from "./headings";
import { parseMarkdown } from "./markdown-it";
import { scanShortcodes } from "./shortcode-scan";
import { typographTree } from "./typographer";
import { work } from "./work";

// Nothing in the pipeline's own scanners grows faster than its input: the steps they take (counted, not timed) for
// eight times the input stay within eight times (plus slack) the steps for one. A quadratic scan would take 64 times.

function steps(run: () => void): number {
  const before = work.steps;
  run();
  return work.steps - before;
}

function expectLinear(make: (n: number) => () => void, n = 1000) {
  const small = steps(make(n));
  const large = steps(make(8 * n));
  expect(small).toBeGreaterThan(0);
  expect(large / small).toBeLessThan(8 * 1.5);
}

const typograph = (markdown: string) => () => {
  const tree: Root = parseMarkdown(markdown);
  typographTree(tree, markdown);
};

describe("the pipeline's scanners take linear steps", () => {
  it.each([
    ["quotes and apostrophes on one long line", (n: number) => `"a' b"c-- d... `.repeat(n)],
    ["one long run of quotes", (n: number) => `x ${'"'.repeat(n)} y`],
    ["one long run of single quotes, then text", (n: number) => `${"'".repeat(n)}ab`],
    ["many short lines", (n: number) => "It's \"so\" -- fine...\n".repeat(n)],
    ["dashes and dots", (n: number) => "-.".repeat(n)],
  ])("typographer: %s", (_name, body) => {
    expectLinear((n) => typograph(body(n)));
  });

  it.each([
    ["one paragraph of autolink literals", (n: number) => "www.a.com x@y.org ".repeat(n)],
    ["URLs micromark refuses, one word", (n: number) => "http://_".repeat(n)],
    ["URLs inside one long URL", (n: number) => `https://a.b/${"?u=https://c.d".repeat(n)}`],
    ["autolink literals among escapes and entities", (n: number) => "\\* &amp; https://a.b/c ".repeat(n)],
    ["table cells with escaped pipes", (n: number) => `| a | b |\n|---|---|\n${"| x \\| y | z \\| w |\n".repeat(n)}`],
    ["a long paragraph of lines in a quote", (n: number) => "> *a* [b](c) `d`\n".repeat(n)],
  ])("markdown-it to mdast: %s", (_name, body) => {
    expectLinear((n) => () => void parseMarkdown(body(n)));
  });

  it("heading ids: thousands of equal headings", () => {
    expectLinear((n) => () => {
      const idFor = createIdFactory();
      for (let i = 0; i < n; i++) idFor("Same heading");
      for (let i = 0; i < n; i++) idFor("Same heading-1");
    });
  });

  it.each([
    ["many tags", (n: number) => "{{< figure src=x >}} ".repeat(n)],
    ["many openers, no closers", (n: number) => "{{< ".repeat(n)],
    ["openers, then one far closer", (n: number) => `${"{{< a ".repeat(n)}${"x".repeat(n)} >}}`],
    ["one opener and a long unclosed tail", (n: number) => `{{< a ${"b ".repeat(n)}`],
  ])("shortcode scanner: %s", (_name, body) => {
    expectLinear((n) => () => void scanShortcodes(body(n)));
  });
});

// micromark 4.0.3's edit map copied every event of the document each time a list or a quote closed: parse time grew
// with the square of the post (a 1 MiB post of real posts took 38 s). patches/micromark-util-edit-map+1.0.0.patch
// leaves the events before the first edit where they are; this fails if an install drops the patch.
describe("the markdown parser's edit map (patched)", () => {
  function consumeNearTheEnd(n: number): { reads: number; events: unknown[] } {
    const events: unknown[] = Array.from({ length: n }, (_, i) => i);
    let reads = 0;
    const counted = new Proxy(events, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const map = new EditMap();
    map.add(n - 2, 0, ["exit-a", "exit-b"] as never[]);
    map.add(n - 1, 1, []);
    map.consume(counted as never[]);
    return { reads, events };
  }

  it("applies edits as before: inserted before their index, removed ones gone, the rest in order", () => {
    expect(consumeNearTheEnd(6).events).toEqual([0, 1, 2, 3, "exit-a", "exit-b", 4]);
  });

  it("reads only the events after the first edit, however long the document", () => {
    expect(consumeNearTheEnd(1000).reads).toBeLessThan(10);
    expect(consumeNearTheEnd(100_000).reads).toBe(consumeNearTheEnd(1000).reads);
  });
});

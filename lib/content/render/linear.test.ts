import type { Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { createIdFactory } from "./headings";
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
  const tree = unified().use(remarkParse).parse(markdown) as Root;
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

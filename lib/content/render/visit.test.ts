import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import { afterEach, describe, expect, it, vi } from "vitest";

// patches/unist-util-visit-parents+6.1.0.patch: the walker under every remark and rehype plugin no longer renames a
// new function for each node it visits (docs/architecture.md, "Patched dependencies"). This fails when an install
// drops the patch.

afterEach(() => {
  vi.restoreAllMocks();
});

describe("unist-util-visit, as patched", () => {
  it("visits every node, and defines no property on the way", () => {
    const tree: Root = { type: "root", children: Array.from({ length: 100 }, () => ({ type: "paragraph", children: [{ type: "text", value: "x" }] })) };
    const defineProperty = vi.spyOn(Object, "defineProperty");
    const seen: string[] = [];
    visit(tree, (node) => {
      seen.push(node.type);
    });
    expect(seen.length).toBe(201);
    expect(seen.filter((type) => type === "text").length).toBe(100);
    expect(defineProperty).not.toHaveBeenCalled();
  });
});

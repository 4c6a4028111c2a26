import type { Root } from "hast";
import { raw } from "hast-util-raw";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";

// patches/hast-util-raw+9.2.1.patch: the HTML parser under kept raw HTML tracks no source locations (a third of its
// time on a large post; nothing reads a position after it). This fails if an install drops the patch.
describe("raw HTML's parser (patched)", () => {
  it("gives the nodes it parses no positions, and the tree is otherwise the same", () => {
    const point = (offset: number) => ({ line: 1, column: offset + 1, offset });
    const tree: Root = {
      type: "root",
      children: [{ type: "raw", value: "<kbd>Ctrl</kbd>", position: { start: point(0), end: point(15) } }],
    };
    // With the file, as rehype-raw passes it: the unpatched parser gives each node its place in that file.
    const result = raw(tree, { file: new VFile("<kbd>Ctrl</kbd>") }) as Root;
    const kbd = result.children[0];
    expect(kbd).toMatchObject({ type: "element", tagName: "kbd", children: [{ type: "text", value: "Ctrl" }] });
    expect(kbd?.position).toBeUndefined();
  });
});

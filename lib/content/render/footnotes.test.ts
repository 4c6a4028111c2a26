import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { remarkHugoFootnotes } from "./footnotes";

describe("Hugo's footnotes", () => {
  it("gives a note referenced 200,000 times a back link for each reference", () => {
    const references = 200_000;
    const tree: Root = {
      type: "root",
      children: [
        { type: "paragraph", children: Array.from({ length: references }, () => ({ type: "footnoteReference" as const, identifier: "1", label: "1" })) },
        { type: "footnoteDefinition", identifier: "1", label: "1", children: [{ type: "paragraph", children: [{ type: "text", value: "The note." }] }] },
      ],
    };
    remarkHugoFootnotes()(tree);
    const section = JSON.stringify(tree.children.at(-1));
    expect(section.match(/footnote-backref/g)?.length).toBe(references);
    expect(section).toContain('"href":"#fnref199999:1"');
  });
});

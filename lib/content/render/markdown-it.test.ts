import type { Nodes, Root } from "mdast";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown-it";

// The converter's contract with the plugins after it: every inline node says where it is in the source (the
// typographer, heading attributes and linkify read the source around it), and the tree is mdast as remark makes it.

/** Every node of a type, in document order, with the source text its position covers. */
function spans(tree: Root, src: string, type: Nodes["type"]): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === type) found.push(node.position ? src.slice(node.position.start.offset, node.position.end.offset) : "(no position)");
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}

const parse = (src: string) => ({ tree: parseMarkdown(src), src });

describe("markdown-it to mdast: inline positions", () => {
  it("covers each inline construct's own source", () => {
    const { tree, src } = parse('A *b* and **c**, \\* &amp; [d](/e "t") `f` <span>g</span> ~~h~~ ![i](/j.png)\n');
    expect(spans(tree, src, "emphasis")).toEqual(["*b*"]);
    expect(spans(tree, src, "strong")).toEqual(["**c**"]);
    expect(spans(tree, src, "link")).toEqual(['[d](/e "t")']);
    expect(spans(tree, src, "inlineCode")).toEqual(["`f`"]);
    expect(spans(tree, src, "html")).toEqual(["<span>", "</span>"]);
    expect(spans(tree, src, "delete")).toEqual(["~~h~~"]);
    expect(spans(tree, src, "image")).toEqual(["![i](/j.png)"]);
    // Escapes and entities are inside their text node's span, decoded in its value.
    const text = spans(tree, src, "text");
    expect(text).toContain(", \\* &amp; ");
  });

  it("maps lines inside containers back to the source, prefixes left out", () => {
    const { tree, src } = parse("> one \"two\n> three\" four\n\n- item *x*\n  more *y*\n");
    expect(spans(tree, src, "text")[0]).toBe('one "two\n> three" four');
    expect(spans(tree, src, "emphasis")).toEqual(["*x*", "*y*"]);
  });

  it("finds a heading's text after its own marks, and each table cell in its row", () => {
    const { tree, src } = parse("## #5 rule ##\n\n| a | b \\| c |\n|---|---|\n| `x` | *y* |\n");
    expect(spans(tree, src, "heading")).toHaveLength(1);
    expect(spans(tree, src, "text")[0]).toBe("#5 rule");
    expect(spans(tree, src, "inlineCode")).toEqual(["`x`"]);
    expect(spans(tree, src, "emphasis")).toEqual(["*y*"]);
  });

  it("starts a setext heading's text at its first character, even a `#`", () => {
    const { tree, src } = parse('#tag "q"\n===\n');
    expect(spans(tree, src, "text")).toEqual(['#tag "q"']);
  });

  it("keeps spans right past a character outside the BMP on a line it has to scan", () => {
    // `\|` in a cell makes the cell's text differ from its source, so the line is mapped character by character.
    const { tree, src } = parse("| a |\n|---|\n| 😀 x \\| *y* |\n");
    expect(spans(tree, src, "emphasis")).toEqual(["*y*"]);
  });

  it("gives autolink literals and the text around them their spans", () => {
    const { tree, src } = parse("See www.example.com, or mail a@b.org \"now\".\n");
    expect(spans(tree, src, "link")).toEqual(["www.example.com", "a@b.org"]);
    expect(spans(tree, src, "text")).toEqual(["See ", "www.example.com", ", or mail ", "a@b.org", ' "now".']);
  });
});

describe("markdown-it to mdast: the tree", () => {
  it("marks lists tight or loose, and task items checked", () => {
    const tight = parseMarkdown("- [x] done\n- [ ] open\n- plain\n");
    const list = tight.children[0];
    expect(list?.type === "list" && list.spread).toBe(false);
    expect(list?.type === "list" && list.children.map((item) => item.checked)).toEqual([true, false, null]);
    const loose = parseMarkdown("1. a\n\n2. b\n");
    expect(loose.children[0]?.type === "list" && [loose.children[0].spread, loose.children[0].ordered, loose.children[0].start]).toEqual([true, true, 1]);
  });

  it("takes no task marker that ends its item's text, as GFM and micromark do", () => {
    const tree = parseMarkdown("- [ ]\n- [x]  \n- [X] Bar\n- [ ] *foo*\n");
    const list = tree.children[0];
    expect(list?.type === "list" && list.children.map((item) => item.checked)).toEqual([null, null, true, false]);
  });

  it("strikes through with two tildes only (Hugo's GFM without single tildes)", () => {
    const types = (src: string) => JSON.stringify(parseMarkdown(src)).match(/"type":"delete"/g)?.length ?? 0;
    expect(types("~~Hi~~ Hello, ~there~ world!")).toBe(1);
    expect(types("This will ~~~not~~~ strike.")).toBe(0);
  });

  it("keeps footnote definitions where they are written, with normalized identifiers", () => {
    const tree = parseMarkdown("Text[^Note].\n\n[^Note]: The note.\n");
    expect(tree.children.map((node) => node.type)).toEqual(["paragraph", "footnoteDefinition"]);
    const definition = tree.children[1];
    expect(definition?.type === "footnoteDefinition" && [definition.identifier, definition.label]).toEqual(["note", "Note"]);
  });

  it("keeps URLs as written, for the HTML step to encode and the safety check to judge", () => {
    const tree = parseMarkdown("[a](http://bücher.example/ä?q=1&amp;r=2) <javascript:alert(1)>\n");
    const paragraph = tree.children[0];
    const links = paragraph?.type === "paragraph" ? paragraph.children.filter((node) => node.type === "link") : [];
    expect(links.map((link) => link.type === "link" && link.url)).toEqual(["http://bücher.example/ä?q=1&r=2", "javascript:alert(1)"]);
  });
});

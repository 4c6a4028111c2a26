import type { FootnoteDefinition, FootnoteReference, Nodes, Parents, Root, RootContent } from "mdast";

/**
 * Footnotes exactly as Hugo 0.111 writes them (its goldmark: `<div class="footnotes" role="doc-endnotes">`), so the
 * `#fn:1` links of an old site keep working: notes numbered by first reference, a second reference to the same
 * note gets `fnref1:N` and the note a second back link, unreferenced notes are dropped.
 *
 * Done on the markdown tree with hast data (hName/hProperties), before remark-rehype, which then has no footnote
 * left to build its own GFM section from.
 */

type Custom = { type: string; data: { hName: string; hProperties?: Record<string, unknown>; hChildren?: unknown[] }; children?: unknown[] };

const text = (value: string) => ({ type: "text", value });

function element(hName: string, hProperties: Record<string, unknown>, hChildren: unknown[]): Custom {
  return { type: "folioElement", data: { hName, hProperties, hChildren } };
}

function container(hName: string, hProperties: Record<string, unknown>, children: unknown[]): Custom {
  return { type: "folioContainer", data: { hName, hProperties }, children };
}

/** Remark plugin: Hugo's footnote references and list. */
export function remarkHugoFootnotes() {
  return (tree: Root) => {
    const definitions = new Map<string, FootnoteDefinition>();
    const order: string[] = [];
    const numbers = new Map<string, number>();
    const refCount = new Map<string, number>();

    // One walk in document order: definitions are taken out, references numbered and replaced.
    const walk = (parent: Parents) => {
      const kept: Nodes[] = [];
      for (const child of parent.children as Nodes[]) {
        if (child.type === "footnoteDefinition") {
          if (!definitions.has(child.identifier)) definitions.set(child.identifier, child);
          walk(child);
          continue;
        }
        if (child.type === "footnoteReference") {
          kept.push(reference(child) as unknown as Nodes);
          continue;
        }
        if ("children" in child) walk(child);
        kept.push(child);
      }
      (parent as { children: Nodes[] }).children = kept;
    };
    const reference = (node: FootnoteReference): Custom => {
      if (!numbers.has(node.identifier)) numbers.set(node.identifier, order.push(node.identifier));
      const n = numbers.get(node.identifier)!;
      const seen = refCount.get(node.identifier) ?? 0;
      refCount.set(node.identifier, seen + 1);
      const id = seen === 0 ? `fnref:${n}` : `fnref${seen}:${n}`;
      return element("sup", { id }, [{ type: "element", tagName: "a", properties: { href: `#fn:${n}`, className: ["footnote-ref"], role: "doc-noteref" }, children: [text(String(n))] }]);
    };
    walk(tree);

    const items = order.flatMap((identifier, index) => {
      const definition = definitions.get(identifier);
      if (!definition) return [];
      const n = index + 1;
      const backlinks: unknown[] = [];
      for (let k = 0; k < (refCount.get(identifier) ?? 1); k++) {
        backlinks.push(text("\u00a0"), element("a", { href: `#fnref${k === 0 ? "" : k}:${n}`, className: ["footnote-backref"], role: "doc-backlink" }, [text("\u21a9\ufe0e")]));
      }
      const children = [...definition.children] as RootContent[];
      const last = children.at(-1);
      // One by one: a note referenced a hundred thousand times has that many back links, too many for a spread.
      const into = (last?.type === "paragraph" ? last.children : children) as unknown[];
      for (const backlink of backlinks) into.push(backlink);
      return [container("li", { id: `fn:${n}` }, children)];
    });
    if (items.length === 0) return;
    const list = container("div", { className: ["footnotes"], role: "doc-endnotes" }, [{ type: "thematicBreak" }, container("ol", {}, items)]);
    tree.children.push(list as unknown as RootContent);
  };
}

import type { ElementContent, Properties, Root } from "hast";
import { Fragment, isValidElement, type ReactElement } from "react";

/**
 * Turns a tree of server components into a hast tree, for static HTML outside a page (feeds).
 *
 * Why not react-dom/server: Next.js refuses it in route handlers ("You're importing a component that imports
 * react-dom/server"), which run in the React Server Components layer. A post's MDX tree is only host elements and
 * the function components of the MDX map, so walking it is enough: function components are called (async ones
 * awaited), host elements become hast elements, and hast-util-to-html then escapes text and attributes.
 * Components that use hooks or context are not supported here (server components cannot use them either).
 */
export async function reactToHast(node: unknown): Promise<Root> {
  return { type: "root", children: await toNodes(node) };
}

async function toNodes(node: unknown): Promise<ElementContent[]> {
  if (node === null || node === undefined || typeof node === "boolean") return [];
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") return [{ type: "text", value: String(node) }];
  if (node instanceof Promise) return toNodes(await node);
  if (typeof node === "object" && Symbol.iterator in node) {
    return (await Promise.all(Array.from(node as Iterable<unknown>, toNodes))).flat();
  }
  if (!isValidElement(node)) throw new Error(`cannot render ${Object.prototype.toString.call(node)} as static HTML`);
  const { type, props } = node as ReactElement<Record<string, unknown>>;
  if (type === Fragment) return toNodes(props.children);
  if (typeof type === "function") return toNodes(await (type as (props: unknown) => unknown)(props));
  if (typeof type === "string") {
    const raw = (props.dangerouslySetInnerHTML as { __html?: unknown } | undefined)?.__html;
    const children: ElementContent[] = typeof raw === "string" ? [{ type: "raw", value: raw }] : await toNodes(props.children);
    return [{ type: "element", tagName: type, properties: toProperties(props), children }];
  }
  throw new Error(`cannot render a ${String(type)} element as static HTML`);
}

const NOT_ATTRIBUTES = new Set(["children", "key", "ref", "dangerouslySetInnerHTML", "suppressHydrationWarning", "suppressContentEditableWarning"]);

/** React props as hast properties; hast-util-to-html maps names (className, aria-label, tabIndex) to attributes. */
function toProperties(props: Record<string, unknown>): Properties {
  const properties: Properties = {};
  for (const [name, value] of Object.entries(props)) {
    if (NOT_ATTRIBUTES.has(name) || value === null || value === undefined || typeof value === "function") continue;
    if (name === "style" && typeof value === "object") properties.style = styleAttribute(value as Record<string, unknown>);
    // As React does: aria-* and data-* print booleans as "true"/"false"; other `false` props are left out.
    else if (typeof value === "boolean") {
      if (/^(aria|data)-/.test(name)) properties[name] = String(value);
      else if (value) properties[name] = true;
    } else if (typeof value === "string" || typeof value === "number") properties[name] = value;
  }
  return properties;
}

function styleAttribute(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([name, value]) => `${name.startsWith("--") ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ms-/, "-ms-")}:${String(value)}`)
    .join(";");
}

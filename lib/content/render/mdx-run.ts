import "server-only";
import { compileMDX } from "next-mdx-remote/rsc";
import { createElement, type ReactElement } from "react";
import * as devRuntime from "react/jsx-dev-runtime";
import * as runtime from "react/jsx-runtime";

/** The MDX components a post may use, by name. */
export type MdxComponents = NonNullable<Parameters<typeof compileMDX>[0]["components"]>;

/**
 * Evaluates MDX the render worker compiled (next-mdx-remote's `serialize`, blockJS on: no expressions, imports or
 * exports survive), as next-mdx-remote's own compileMDX does after compiling: the compiled function body gets the JSX
 * runtime as its argument and returns the content component. Development builds compile to jsxDEV calls.
 */
export function runMdx(compiledSource: string, components: MdxComponents): ReactElement {
  const jsx = process.env.NODE_ENV === "production" ? runtime : devRuntime;
  const hydrate = Reflect.construct(Function, ["opts", "frontmatter", compiledSource]) as (opts: unknown, frontmatter: unknown) => { default: (props: { components: MdxComponents }) => ReactElement };
  const Content = hydrate.apply(hydrate, [jsx, {}]).default;
  return createElement(Content, { components });
}

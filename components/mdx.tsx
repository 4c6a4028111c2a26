import type { MdxComponents } from "@/lib/content/shared";
import { Callout } from "./callout";
import { Cta } from "./cta";

/** The one component map for MDX posts: these names, and nothing else, may be used as JSX in a `.mdx` file. */
export const mdxComponents: MdxComponents = { Callout, Cta };

import type { Heading } from "@/lib/content/shared";

type Props = { headings: Heading[] };

/** Shown when a post has three or more sections. */
export const TOC_MIN_SECTIONS = 3;

/** The post's table of contents: its h2 sections, each a link to the heading's anchor. */
export function Toc({ headings }: Props) {
  const sections = headings.filter((h) => h.depth === 2);
  if (sections.length < TOC_MIN_SECTIONS) return null;
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" className="toc__heading">
        Contents
      </h2>
      <ol>
        {sections.map((h) => (
          <li key={h.id}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

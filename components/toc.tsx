import type { Heading } from "@/lib/content/shared";

type Props = { headings: Heading[]; readingMinutes: number };

/** A contents list is shown for a post with at least this many sections… */
export const TOC_MIN_SECTIONS = 3;
/** …that takes at least this long to read: a short post is read faster than its contents list. */
export const TOC_MIN_MINUTES = 3;

/** The post's table of contents: its h2 sections, each a link to the heading's anchor; none for a short post. */
export function Toc({ headings, readingMinutes }: Props) {
  const sections = headings.filter((h) => h.depth === 2);
  if (sections.length < TOC_MIN_SECTIONS || readingMinutes < TOC_MIN_MINUTES) return null;
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

import type { Term, TermKind } from "@/lib/content/shared";
import { site } from "@/lib/config/site";

type Props = { kind: TermKind; terms: Term[] };

/** Every topic or tag, each with its number of public posts. */
export function TermIndex({ kind, terms }: Props) {
  return (
    <>
      <h1>{site.terms[kind].many}</h1>
      {terms.length === 0 ? (
        <p className="empty">Nothing here yet.</p>
      ) : (
        <ul className="term-index">
          {terms.map((term) => (
            <li key={term.slug}>
              <a href={`/${kind}/${term.slug}`}>{kind === "tags" ? `#${term.name}` : term.name}</a>{" "}
              <span className="term-index__count">
                {term.count} {term.count === 1 ? "essay" : "essays"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

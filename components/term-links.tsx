import { termSlug } from "@/lib/content/shared";

type Props = { kind: "topics" | "tags"; names: readonly string[]; label: string };

/** A post's topics or tags as links to their pages. Renders nothing for an empty list. */
export function TermLinks({ kind, names, label }: Props) {
  const terms = names.filter((name) => termSlug(name) !== "");
  if (terms.length === 0) return null;
  return (
    <ul className={`terms terms--${kind}`} aria-label={label}>
      {terms.map((name) => (
        <li key={name}>
          <a href={`/${kind}/${termSlug(name)}`}>{kind === "tags" ? `#${name}` : name}</a>
        </li>
      ))}
    </ul>
  );
}

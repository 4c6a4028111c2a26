type Props = { title: string; terms: { href: string; name: string; count: number }[] };

/** Every term of one of a Hugo site's taxonomies (`/categories/`), each with its number of public posts. */
export function TaxonomyIndex({ title, terms }: Props) {
  return (
    <>
      <h1>{title}</h1>
      {terms.length === 0 ? (
        <p className="empty">Nothing here yet.</p>
      ) : (
        <ul className="term-index">
          {terms.map((term) => (
            <li key={term.href}>
              <a href={encodeURI(term.href)}>{term.name}</a>{" "}
              <span className="term-index__count">
                {term.count} {term.count === 1 ? "post" : "posts"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Props = { id: string; label: string; query?: string };

/** A plain GET form to /search: it works with JavaScript off. `label` names the form's search landmark. */
export function SearchForm({ id, label, query }: Props) {
  return (
    <form className="search-form" role="search" aria-label={label} action="/search" method="get">
      <label htmlFor={id} className="visually-hidden">
        Search posts
      </label>
      <input id={id} type="search" name="q" defaultValue={query} />
      <button type="submit">Search</button>
    </form>
  );
}

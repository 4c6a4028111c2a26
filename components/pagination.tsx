
type Props = { page: number; pages: number; hrefFor: (page: number) => string };

/** Older/newer page links for a paginated list. */
export function Pagination({ page, pages, hrefFor }: Props) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 && (
        <a href={hrefFor(page - 1)} rel="prev">
          ← Newer posts
        </a>
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && (
        <a href={hrefFor(page + 1)} rel="next">
          Older posts →
        </a>
      )}
    </nav>
  );
}

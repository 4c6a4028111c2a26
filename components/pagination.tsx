import Link from "next/link";

type Props = { page: number; pages: number; hrefFor: (page: number) => string };

/** Older/newer page links for a paginated list. */
export function Pagination({ page, pages, hrefFor }: Props) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 && (
        <Link href={hrefFor(page - 1)} rel="prev">
          ← Newer posts
        </Link>
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && (
        <Link href={hrefFor(page + 1)} rel="next">
          Older posts →
        </Link>
      )}
    </nav>
  );
}

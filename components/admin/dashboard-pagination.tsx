type Props = { page: number; pages: number; matching: number; hrefFor: (page: number) => string };

const number = new Intl.NumberFormat("en-US");

/** "Page 2 of 100" with the previous and next pages of the dashboard, keeping every filter in the URL. */
export function DashboardPagination({ page, pages, matching, hrefFor }: Props) {
  return (
    <nav className="pagination admin-pagination" aria-label="Pages of posts">
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev">
          ← Previous page
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages} ({number.format(matching)} {matching === 1 ? "post" : "posts"})
      </span>
      {page < pages ? (
        <a href={hrefFor(page + 1)} rel="next">
          Next page →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

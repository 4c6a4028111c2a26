import type { DashboardRow } from "@/lib/admin/dashboard";
import { formatPostDate } from "@/lib/content/shared";
import { FeaturedSwitch, type FeaturedAction } from "./featured-switch";

type Props = {
  rows: DashboardRow[];
  canFeature: boolean;
  canPreview: boolean;
  /** Whether this user may open a row's post in the editor (a writer may open drafts only). */
  canEdit: (row: DashboardRow) => boolean;
  setFeatured: FeaturedAction;
};

function statusLabel(row: DashboardRow): string {
  const on = row.date ? formatPostDate(row.date) : "";
  switch (row.status) {
    case "published":
      return `Published ${on}`;
    case "scheduled":
      return `Scheduled for ${on}`;
    case "expired":
      return `Expired (published ${on})`;
    case "draft":
      return on ? `Draft, dated ${on}` : "Draft";
    case "invalid":
      return "Invalid";
  }
}

/**
 * The dashboard's table: one row per post file, with its title (a link to the editor), status and date, problems,
 * the Featured switch and a link to the post or its preview. Below 40rem the rows become cards (admin.css).
 */
export function PostsTable({ rows, canFeature, canPreview, canEdit, setFeatured }: Props) {
  if (rows.length === 0) return <p className="empty">No posts match.</p>;
  return (
    <table className="posts-table">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Featured</th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.file} data-status={row.status}>
            <th scope="row">
              {row.slug && canEdit(row) ? <a href={`/admin/posts/${row.slug}`}>{row.title}</a> : row.title}
              {row.errors.map((message) => (
                <p key={message} className="row-error">
                  {message}
                </p>
              ))}
              {row.warnings.map((message) => (
                <p key={message} className="row-warning">
                  {message}
                </p>
              ))}
            </th>
            <td>{statusLabel(row)}</td>
            <td>
              {row.slug ? (
                <FeaturedSwitch slug={row.slug} title={row.title} featured={row.featured} disabled={!canFeature} action={setFeatured} />
              ) : (
                <input type="checkbox" role="switch" aria-label={`Featured: ${row.title}`} disabled defaultChecked={false} />
              )}
            </td>
            <td>
              {row.slug && row.status === "published" && <a href={`/blog/${row.slug}`}>View</a>}
              {row.slug && row.status !== "published" && canPreview && <a href={`/admin/preview/${row.slug}`}>Preview</a>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { DashboardRow } from "@/lib/admin/dashboard";
import { formatPostDate } from "@/lib/content/shared";
import { FeaturedSwitch, type FeaturedAction } from "./featured-switch";

type Props = {
  rows: DashboardRow[];
  canFeature: boolean;
  canPreview: boolean;
  setFeatured: FeaturedAction;
};

function statusLabel(row: DashboardRow): string {
  if (row.status === "scheduled" && row.date) return `Scheduled for ${formatPostDate(row.date)}`;
  return { published: "Published", draft: "Draft", scheduled: "Scheduled", expired: "Expired", invalid: "Invalid" }[row.status];
}

/** The dashboard's table: one row per post file, with status, problems, the Featured switch and a link. */
export function PostsTable({ rows, canFeature, canPreview, setFeatured }: Props) {
  if (rows.length === 0) return <p className="empty">No posts match.</p>;
  return (
    <table className="posts-table">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Date</th>
          <th scope="col">Topics</th>
          <th scope="col">Featured</th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.file} data-status={row.status}>
            <th scope="row">
              {row.title}
              {[...row.errors, ...row.warnings].map((message) => (
                <p key={message} className={row.errors.includes(message) ? "row-error" : "row-warning"}>
                  {message}
                </p>
              ))}
            </th>
            <td>{statusLabel(row)}</td>
            <td>{row.date ? formatPostDate(row.date) : "—"}</td>
            <td>{row.topics.join(", ")}</td>
            <td>
              {row.slug ? (
                <FeaturedSwitch slug={row.slug} featured={row.featured} disabled={!canFeature} action={setFeatured} />
              ) : (
                <input type="checkbox" role="switch" aria-label="Featured" disabled defaultChecked={false} />
              )}
            </td>
            <td>
              {row.slug && row.status === "published" && <a href={`/blog/${row.slug}`}>View</a>}
              {row.slug && (row.status === "draft" || row.status === "scheduled") && canPreview && <a href={`/admin/preview/${row.slug}`}>Preview</a>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { Metadata } from "next";
import { AuditList } from "@/components/admin/audit-list";
import { DashboardNotice } from "@/components/admin/dashboard-notice";
import { DashboardFilters } from "@/components/admin/dashboard-filters";
import { DashboardPagination } from "@/components/admin/dashboard-pagination";
import { PostsTable } from "@/components/admin/posts-table";
import { TrashList } from "@/components/admin/trash-list";
import { recentChanges } from "@/lib/admin/audit";
import { dashboardHref, getDashboardPage, parseDashboardQuery, type DashboardRow } from "@/lib/admin/dashboard";
import { getKnownTerms } from "@/lib/admin/terms";
import { listTrash } from "@/lib/admin/trash";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { setFeaturedAction, signOutAction } from "./actions";
import { restorePostAction } from "./posts/actions";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const session = await requireRole("dashboard", "/admin");
  const params = await searchParams;
  const query = parseDashboardQuery(params);
  const [dashboard, terms, changes, trash] = await Promise.all([getDashboardPage(query), getKnownTerms(), recentChanges(20), listTrash(20)]);
  const canPublish = can(session.role, "publish");
  const canEdit = (row: DashboardRow) => canPublish || (can(session.role, "write") && row.status === "draft");
  return (
    <main id="main" className="wrap main admin">
      <header className="admin-header">
        <h1>Posts</h1>
        <p>
          Signed in as {session.email} ({session.role})
        </p>
        {can(session.role, "write") && (
          <a className="button" href="/admin/posts/new">
            New post
          </a>
        )}
        <form action={signOutAction}>
          <button type="submit" className="button button--quiet">
            Sign out
          </button>
        </form>
      </header>
      <DashboardNotice params={params} />
      <DashboardFilters query={query} counts={dashboard.counts} topics={terms.topics} tags={terms.tags} />
      <PostsTable rows={dashboard.rows} canFeature={can(session.role, "feature")} canPreview={can(session.role, "preview")} canEdit={canEdit} setFeatured={setFeaturedAction} />
      <DashboardPagination page={dashboard.page} pages={dashboard.pages} matching={dashboard.matching} hrefFor={(page) => dashboardHref(query, { page })} />
      <section aria-labelledby="trash-heading" className="admin-section">
        <h2 id="trash-heading">Trash</h2>
        <TrashList entries={trash} restore={canPublish ? restorePostAction : undefined} />
      </section>
      <section aria-labelledby="changes-heading" className="admin-section">
        <h2 id="changes-heading">Recent changes</h2>
        <AuditList records={changes} />
      </section>
    </main>
  );
}

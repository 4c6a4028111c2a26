import type { Metadata } from "next";
import { AuditList } from "@/components/admin/audit-list";
import { AdminNav } from "@/components/admin/team/admin-nav";
import { DashboardNotice } from "@/components/admin/dashboard-notice";
import { DashboardFilters } from "@/components/admin/dashboard-filters";
import { DashboardPagination } from "@/components/admin/dashboard-pagination";
import { FeaturedOrder } from "@/components/admin/featured-order";
import { PostsTable } from "@/components/admin/posts-table";
import { TrashList } from "@/components/admin/trash-list";
import { recentChanges } from "@/lib/admin/audit";
import { dashboardHref, getDashboardPage, parseDashboardQuery, type DashboardRow } from "@/lib/admin/dashboard";
import { getFeaturedOrder } from "@/lib/admin/featured-order";
import { getKnownTerms } from "@/lib/admin/terms";
import { listTrash } from "@/lib/admin/trash";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { moveFeaturedAction, setFeaturedAction, signOutAction } from "./actions";
import { restorePostAction } from "./posts/actions";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const session = await requireRole("dashboard", "/admin");
  const params = await searchParams;
  const query = parseDashboardQuery(params);
  const canFeature = can(session.role, "feature");
  const [dashboard, terms, changes, trash, featured] = await Promise.all([
    getDashboardPage(query),
    getKnownTerms(),
    recentChanges(20),
    listTrash(20),
    canFeature ? getFeaturedOrder() : [],
  ]);
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
        <AdminNav canManageUsers={can(session.role, "manage-users")} signOut={signOutAction} />
      </header>
      <DashboardNotice params={params} />
      <DashboardFilters query={query} counts={dashboard.counts} topics={terms.topics} tags={terms.tags} />
      <PostsTable rows={dashboard.rows} canFeature={canFeature} canPreview={can(session.role, "preview")} canEdit={canEdit} setFeatured={setFeaturedAction} />
      <DashboardPagination page={dashboard.page} pages={dashboard.pages} matching={dashboard.matching} hrefFor={(page) => dashboardHref(query, { page })} />
      {canFeature && (
        <section aria-labelledby="featured-order-heading" className="admin-section">
          <h2 id="featured-order-heading">Featured order</h2>
          <p>The home page&apos;s Featured region shows these posts in this order.</p>
          <FeaturedOrder entries={featured} move={moveFeaturedAction} />
        </section>
      )}
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

import type { Metadata } from "next";
import { AuditList } from "@/components/admin/audit-list";
import { DashboardFilters } from "@/components/admin/dashboard-filters";
import { DashboardPagination } from "@/components/admin/dashboard-pagination";
import { PostsTable } from "@/components/admin/posts-table";
import { recentChanges } from "@/lib/admin/audit";
import { dashboardHref, getDashboardPage, parseDashboardQuery, type DashboardRow } from "@/lib/admin/dashboard";
import { getKnownTerms } from "@/lib/admin/terms";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { setFeaturedAction, signOutAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const session = await requireRole("dashboard", "/admin");
  const query = parseDashboardQuery(await searchParams);
  const [dashboard, terms, changes] = await Promise.all([getDashboardPage(query), getKnownTerms(), recentChanges(20)]);
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
      <DashboardFilters query={query} counts={dashboard.counts} topics={terms.topics} tags={terms.tags} />
      <PostsTable rows={dashboard.rows} canFeature={can(session.role, "feature")} canPreview={can(session.role, "preview")} canEdit={canEdit} setFeatured={setFeaturedAction} />
      <DashboardPagination page={dashboard.page} pages={dashboard.pages} matching={dashboard.matching} hrefFor={(page) => dashboardHref(query, { page })} />
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Recent changes</h2>
        <AuditList records={changes} />
      </section>
    </main>
  );
}

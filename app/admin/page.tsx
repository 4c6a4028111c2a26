import type { Metadata } from "next";
import { AuditList } from "@/components/admin/audit-list";
import { AdminNav } from "@/components/admin/team/admin-nav";
import { PostsTable } from "@/components/admin/posts-table";
import { recentChanges } from "@/lib/admin/audit";
import { STATUS_FILTERS, getDashboardRows, type StatusFilter } from "@/lib/admin/dashboard";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { setFeaturedAction, signOutAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const session = await requireRole("dashboard", "/admin");
  const params = await searchParams;
  const status = STATUS_FILTERS.find((s) => s === params.status) ?? "all";
  const query = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  const [rows, changes] = await Promise.all([getDashboardRows(status as StatusFilter, query), recentChanges(20)]);
  return (
    <main id="main" className="wrap main admin">
      <header className="admin-header">
        <h1>Posts</h1>
        <p>
          Signed in as {session.email} ({session.role})
        </p>
        <AdminNav canManageUsers={can(session.role, "manage-users")} signOut={signOutAction} />
      </header>
      <form className="admin-filters" role="search" aria-label="Filter posts">
        <label htmlFor="status">Status</label>
        <select id="status" name="status" defaultValue={status}>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
        <label htmlFor="q">Title</label>
        <input id="q" name="q" type="search" defaultValue={query} />
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      <PostsTable rows={rows} canFeature={can(session.role, "feature")} canPreview={can(session.role, "preview")} setFeatured={setFeaturedAction} />
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Recent changes</h2>
        <AuditList records={changes} />
      </section>
    </main>
  );
}

import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/team/action-form";
import { AdminNav } from "@/components/admin/team/admin-nav";
import { InvitesTable } from "@/components/admin/team/invites-table";
import { PolicyForm } from "@/components/admin/team/policy-form";
import { TeamLog } from "@/components/admin/team/team-log";
import { UsersTable } from "@/components/admin/team/users-table";
import { recentTeamChanges } from "@/lib/admin/team/audit";
import { getTeam } from "@/lib/admin/team/members";
import { ROLES } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { signOutAction } from "../actions";
import * as act from "./actions";

export const metadata: Metadata = { title: "Users" };

const DONE: Record<string, string> = {
  removed: "User removed; their sessions have ended.",
  cancelled: "Invitation cancelled; its link no longer works.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const session = await requireRole("manage-users", "/admin/users");
  const { done } = await searchParams;
  const notice = typeof done === "string" ? DONE[done] : undefined;
  const [{ members, invites, requiredFor }, log] = await Promise.all([getTeam(), recentTeamChanges(30)]);
  return (
    <main id="main" className="wrap main admin">
      <header className="admin-header">
        <h1>Users</h1>
        <p>Signed in as {session.email} (admin)</p>
        <AdminNav canManageUsers signOut={signOutAction} />
      </header>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <UsersTable
        members={members}
        self={session.email}
        actions={{ changeRole: act.changeRoleAction, resetPassword: act.resetPasswordAction, remove: act.removeAction, resetTwoFactor: act.resetTwoFactorAction }}
      />
      <section aria-labelledby="invite-heading" className="admin-section">
        <h2 id="invite-heading">Invite someone</h2>
        <ActionForm action={act.inviteAction} submit="Invite" label="Invite">
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" required autoComplete="off" />
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="editor">
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </ActionForm>
        <InvitesTable invites={invites} cancel={act.cancelInviteAction} />
      </section>
      <section aria-labelledby="policy-heading" className="admin-section">
        <h2 id="policy-heading">Two-factor sign-in</h2>
        <PolicyForm requiredFor={requiredFor} action={act.policyAction} />
      </section>
      <section aria-labelledby="log-heading" className="admin-section">
        <h2 id="log-heading">Recent team changes</h2>
        <TeamLog records={log} />
      </section>
    </main>
  );
}

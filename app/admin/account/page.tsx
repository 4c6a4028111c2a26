import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/team/action-form";
import { AdminNav } from "@/components/admin/team/admin-nav";
import { SessionsList } from "@/components/admin/team/sessions-list";
import { ownSessions } from "@/lib/admin/team/account";
import { can } from "@/lib/auth/config";
import { currentSessionId, requireSession } from "@/lib/auth/request";
import { sessionHandle } from "@/lib/auth/sessions";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { signOutAction } from "../actions";
import { changePasswordAction, endSessionAction, renewRecoveryCodesAction, turnOffTwoFactorAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const session = await requireSession("/admin/account");
  const { done } = await searchParams;
  const id = await currentSessionId();
  const [sessions, twoFactor] = await Promise.all([ownSessions(session.email), twoFactorStatus(session.email)]);
  return (
    <main id="main" className="wrap main admin">
      <header className="admin-header">
        <h1>Your account</h1>
        <p>
          {session.email} ({session.role})
        </p>
        <AdminNav canManageUsers={can(session.role, "manage-users")} signOut={signOutAction} />
      </header>
      <section aria-labelledby="password-heading" className="admin-section">
        <h2 id="password-heading">Password</h2>
        <ActionForm action={changePasswordAction} submit="Change password" label="Change password">
          <input type="hidden" name="username" value={session.email} autoComplete="username" />
          <label htmlFor="current">Current password</label>
          <input id="current" name="current" type="password" autoComplete="current-password" required />
          <label htmlFor="next">New password</label>
          <input id="next" name="next" type="password" autoComplete="new-password" required />
          <label htmlFor="confirm">Confirm new password</label>
          <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
        </ActionForm>
      </section>
      <section aria-labelledby="sessions-heading" className="admin-section">
        <h2 id="sessions-heading">Sessions</h2>
        {done === "session-ended" && (
          <p role="status" className="notice">
            Session ended: that browser is signed out.
          </p>
        )}
        <SessionsList sessions={sessions} current={id ? sessionHandle(id) : null} end={endSessionAction} />
      </section>
      <section aria-labelledby="two-factor-heading" className="admin-section">
        <h2 id="two-factor-heading">Two-factor sign-in</h2>
        <p>
          Two-factor sign-in is <strong>{twoFactor.enabled ? "on" : "off"}</strong>
          {twoFactor.enabled && `, with ${twoFactor.recoveryCodesLeft} recovery codes left`}. <a href="/admin/account/two-factor">{twoFactor.enabled ? "Set up a new phone" : "Set up two-factor sign-in"}</a>
        </p>
        {twoFactor.enabled && (
          <>
            <ActionForm action={renewRecoveryCodesAction} submit="Make new recovery codes" label="New recovery codes">
              <label htmlFor="renew-password">Password</label>
              <input id="renew-password" name="password" type="password" autoComplete="current-password" required />
            </ActionForm>
            <ActionForm action={turnOffTwoFactorAction} submit="Turn off two-factor sign-in" label="Turn off two-factor sign-in">
              <label htmlFor="off-password">Password</label>
              <input id="off-password" name="password" type="password" autoComplete="current-password" required />
            </ActionForm>
          </>
        )}
      </section>
    </main>
  );
}

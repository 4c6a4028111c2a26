import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/team/admin-nav";
import { TwoFactorSetup } from "@/components/admin/team/two-factor-setup";
import { can } from "@/lib/auth/config";
import { requireSession } from "@/lib/auth/request";
import { totpQrDataUrl } from "@/lib/auth/totp";
import { mustSetUpTwoFactor, pendingEnrollment, twoFactorStatus } from "@/lib/auth/two-factor";
import { signOutAction } from "../../actions";
import { finishTwoFactorSetupAction, startTwoFactorSetupAction } from "../actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

// The one page a user who must set up two-factor sign-in can reach before doing so.
export default async function TwoFactorPage() {
  const session = await requireSession("/admin/account/two-factor", { setup: true });
  const [status, required, pending] = await Promise.all([
    twoFactorStatus(session.email),
    mustSetUpTwoFactor(session.email, session.role),
    pendingEnrollment(session.email),
  ]);
  const shown = pending ? { qr: await totpQrDataUrl(pending.uri), secret: pending.secret } : null;
  return (
    <main id="main" className="wrap main admin">
      <header className="admin-header">
        <h1>Two-factor sign-in</h1>
        <p>Signed in as {session.email}</p>
        <AdminNav canManageUsers={can(session.role, "manage-users")} signOut={signOutAction} />
      </header>
      {required && (
        <p role="alert" className="notice">
          Your role ({session.role}) requires two-factor sign-in. Set it up to continue.
        </p>
      )}
      <p>
        Two-factor sign-in is <strong>{status.enabled ? "on" : "off"}</strong>
        {status.enabled && `, with ${status.recoveryCodesLeft} recovery codes left`}.
      </p>
      <TwoFactorSetup pending={shown} enabled={status.enabled} start={startTwoFactorSetupAction} finish={finishTwoFactorSetupAction} />
    </main>
  );
}

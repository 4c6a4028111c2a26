import { ROLES } from "@/lib/auth/config";
import type { Member } from "@/lib/admin/team/members";
import { ActionForm, type FormAction } from "./action-form";

export type MemberActions = { changeRole: FormAction; resetPassword: FormAction; remove: FormAction; resetTwoFactor: FormAction };

type Props = { members: Member[]; self: string; actions: MemberActions };

const when = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "never");

/** Everyone with an account, and what an admin can do to each: every control a plain form. */
export function UsersTable({ members, self, actions }: Props) {
  return (
    <table className="posts-table users-table">
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">Active sessions</th>
          <th scope="col">Two-factor</th>
          <th scope="col">Manage</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.email}>
            <th scope="row">
              {m.email}
              {m.email === self && " (you)"}
            </th>
            <td>
              <ActionForm action={actions.changeRole} submit="Change role" className="row-form">
                <input type="hidden" name="email" value={m.email} />
                <select name="role" defaultValue={m.role} aria-label={`Role of ${m.email}`}>
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </ActionForm>
            </td>
            <td>{when(m.lastSignInAt)}</td>
            <td>{m.activeSessions}</td>
            <td>{m.twoFactor ? "on" : "off"}</td>
            <td className="row-actions">
              {m.email !== self && (
                <>
                  <Confirm summary="Reset password" action={actions.resetPassword} email={m.email} submit={`Reset password of ${m.email}`} />
                  {m.twoFactor && <Confirm summary="Reset two-factor" action={actions.resetTwoFactor} email={m.email} submit={`Reset two-factor of ${m.email}`} />}
                  <Confirm summary="Remove" action={actions.remove} email={m.email} submit={`Remove ${m.email}`} />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A second click before anything irreversible, with no script: a disclosure that holds the real button. */
function Confirm({ summary, action, email, submit }: { summary: string; action: FormAction; email: string; submit: string }) {
  return (
    <details className="confirm">
      <summary>{summary}</summary>
      <ActionForm action={action} submit={submit} className="row-form">
        <input type="hidden" name="email" value={email} />
      </ActionForm>
    </details>
  );
}

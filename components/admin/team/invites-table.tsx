import type { OneTimeLink } from "@/lib/auth/one-time-links";
import { ActionForm, type FormAction } from "./action-form";

/** Invitations sent and not yet accepted, each with its expiry and a way to cancel it. */
export function InvitesTable({ invites, cancel }: { invites: OneTimeLink[]; cancel: FormAction }) {
  if (invites.length === 0) return <p className="empty">No pending invitations.</p>;
  return (
    <table className="posts-table">
      <caption>Pending invitations</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Expires</th>
          <th scope="col">Cancel</th>
        </tr>
      </thead>
      <tbody>
        {invites.map((invite) => (
          <tr key={invite.email}>
            <th scope="row">{invite.email}</th>
            <td>{invite.role}</td>
            <td>{invite.expiresAt.replace("T", " ").slice(0, 16)} UTC</td>
            <td>
              <ActionForm action={cancel} submit={`Cancel invitation of ${invite.email}`} className="row-form">
                <input type="hidden" name="email" value={invite.email} />
              </ActionForm>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/admin/team/set-password-form";
import { describeLink } from "@/lib/admin/team/links";
import { acceptInviteAction } from "../actions";

// The token is in the URL: no Referer leaves this site, so it never reaches another. ("no-referrer" would also make
// the form's Origin "null", which Next.js rightly refuses as a cross-site action.)
export const metadata: Metadata = { title: "Join", referrer: "same-origin" };

type Props = { params: Promise<{ token: string }> };

/** Where an invited person chooses a password. No session needed; the link is the key, good once. */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const link = await describeLink("invite", token);
  return (
    <main id="main" className="wrap main admin login">
      <h1>Join Folio</h1>
      {link.ok ? (
        <>
          <p>
            You are invited as <strong>{link.role}</strong>. Choose a password for {link.email}.
          </p>
          <SetPasswordForm token={token} email={link.email} action={acceptInviteAction} />
        </>
      ) : (
        <p role="alert" className="form-error">
          {link.error}
        </p>
      )}
    </main>
  );
}

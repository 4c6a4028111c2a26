import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/admin/team/set-password-form";
import { describeLink } from "@/lib/admin/team/links";
import { resetPasswordAction } from "../../invite/actions";

// The token is in the URL: no Referer leaves this site, so it never reaches another. ("no-referrer" would also make
// the form's Origin "null", which Next.js rightly refuses as a cross-site action.)
export const metadata: Metadata = { title: "Choose a new password", referrer: "same-origin" };

type Props = { params: Promise<{ token: string }> };

/** Where someone whose password an admin reset chooses a new one. No session; the link is the key, good once. */
export default async function ResetPage({ params }: Props) {
  const { token } = await params;
  const link = await describeLink("reset", token);
  return (
    <main id="main" className="wrap main admin login">
      <h1>Choose a new password</h1>
      {link.ok ? <SetPasswordForm token={token} email={link.email} action={resetPasswordAction} /> : (
        <p role="alert" className="form-error">
          {link.error}
        </p>
      )}
    </main>
  );
}

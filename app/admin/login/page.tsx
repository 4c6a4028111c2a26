import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { signInAvailability } from "@/lib/auth/availability";
import { currentSession, safeNextPath } from "@/lib/auth/request";
import { site } from "@/lib/config/site";
import { signInAction } from "./actions";
import { LAST_EMAIL_COOKIE, lastEmail } from "./last-email";

export const metadata: Metadata = { title: "Sign in" };

const MESSAGES: Record<string, string> = {
  invalid: "That email and password do not match an account.",
  throttled: "Too many attempts. Wait 15 minutes, then try again.",
  busy: "Too many sign-ins right now. Try again in a few seconds.",
  unavailable: "Sign-in failed on the server. Try again in a moment.",
  expired: "The sign-in took too long. Enter your email and password again.",
};

const NOTICES: Record<string, string> = {
  joined: "Your account is ready. Sign in with your new password.",
  reset: "Your password is set. Sign in with it.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentSession()) redirect(next);
  const availability = await signInAvailability();
  const error = typeof params.error === "string" ? MESSAGES[params.error] : undefined;
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  return (
    <main id="main" className="wrap main admin login">
      <p className="login__site">
        <a href="/">← {site.name}</a>
      </p>
      <h1>Sign in</h1>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <p className="login__lead">To the {site.name} admin.</p>
      {availability.ok ? (
        <SignInForm action={signInAction} next={next} error={error} email={lastEmail((await cookies()).get(LAST_EMAIL_COOKIE)?.value)} />
      ) : (
        <div role="alert" className="login__off">
          <p className="form-error">{availability.reason}</p>
          <p>{availability.fix}</p>
        </div>
      )}
    </main>
  );
}

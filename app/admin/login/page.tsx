import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession, safeNextPath } from "@/lib/auth/request";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const MESSAGES: Record<string, string> = {
  invalid: "That email and password do not match an account.",
  throttled: "Too many attempts. Wait 15 minutes, then try again.",
  busy: "Too many sign-ins right now. Try again in a few seconds.",
  unavailable: "Sign-in is not available right now. The server log says why.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentSession()) redirect(next);
  const error = typeof params.error === "string" ? MESSAGES[params.error] : undefined;
  return (
    <main id="main" className="wrap main admin login">
      <h1>Sign in</h1>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <form action={signInAction} className="form">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="button">
          Sign in
        </button>
      </form>
    </main>
  );
}

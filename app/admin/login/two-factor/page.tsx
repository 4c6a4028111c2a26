import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession, pendingSignInCookie, safeNextPath } from "@/lib/auth/request";
import { secondFactorAction } from "../actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

const MESSAGES: Record<string, string> = {
  "invalid-code": "That code is not right. Type the six digits your app shows now, or one of your recovery codes.",
  throttled: "Too many attempts. Wait 15 minutes, then try again.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The code step of a two-factor sign-in; reached only with the short-lived cookie a right password sets. */
export default async function SecondFactorPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentSession()) redirect(next);
  if (!(await pendingSignInCookie())) redirect(`/admin/login?next=${encodeURIComponent(next)}`);
  const error = typeof params.error === "string" ? MESSAGES[params.error] : undefined;
  return (
    <main id="main" className="wrap main admin login">
      <h1>Two-factor sign-in</h1>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <form action={secondFactorAction} className="form">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="code">Code</label>
        <input id="code" name="code" autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} required aria-describedby="code-help" />
        <p id="code-help" className="hint">
          The six digits your authenticator app shows for Folio, or one of your recovery codes.
        </p>
        <button type="submit" className="button">
          Verify
        </button>
      </form>
    </main>
  );
}

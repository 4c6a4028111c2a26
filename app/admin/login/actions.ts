"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { noteRecoveryCodeUsed } from "@/lib/admin/team/account";
import { clientKeyFrom } from "@/lib/auth/client-key";
import { clearPendingSignInCookie, pendingSignInCookie, safeNextPath, setPendingSignInCookie, setSessionCookie } from "@/lib/auth/request";
import { signIn, signInSecondFactor, type SecondFactorSignIn, type SignInResult } from "@/lib/auth/sign-in";
import { LAST_EMAIL_COOKIE } from "./last-email";

const credentials = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

/**
 * Back to the form with an error. The email typed goes along in a short-lived cookie scoped to this page (never in
 * the URL, which lands in logs and history), so the form can keep it.
 */
async function back(error: string, next: string, email: unknown): Promise<never> {
  if (typeof email === "string" && email.length <= 254) {
    (await cookies()).set(LAST_EMAIL_COOKIE, email.trim(), { httpOnly: true, sameSite: "strict", path: "/admin/login", maxAge: 300 });
  }
  redirect(`/admin/login?error=${error}&next=${encodeURIComponent(next)}`);
}

/** Back to the code step with an error. */
function backToCode(error: string, next: string): never {
  redirect(`/admin/login/two-factor?error=${error}&next=${encodeURIComponent(next)}`);
}

/** Signs in from the login form. Works without JavaScript: errors come back as a redirect to the form. */
export async function signInAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  const email = form.get("email");
  const parsed = credentials.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return back("invalid", next, email);
  let result: SignInResult;
  try {
    result = await signIn(parsed.data.email, parsed.data.password, clientKeyFrom(await headers()));
    if (result.ok) await setSessionCookie(result.sessionId);
    else if (result.error === "second-factor") await setPendingSignInCookie(result.pending);
  } catch (error) {
    console.error(`[folio] sign-in failed: ${(error as Error).message}`);
    return back("unavailable", next, email);
  }
  if (!result.ok && result.error === "second-factor") {
    (await cookies()).delete({ name: LAST_EMAIL_COOKIE, path: "/admin/login" });
    redirect(`/admin/login/two-factor?next=${encodeURIComponent(next)}`);
  }
  if (!result.ok) return back(result.error === "invalid-credentials" ? "invalid" : result.error, next, email);
  (await cookies()).delete({ name: LAST_EMAIL_COOKIE, path: "/admin/login" });
  redirect(next);
}

const secondFactor = z.object({ code: z.string().trim().min(1).max(64) });

/** The second step of a two-factor sign-in: an authenticator code or a recovery code. Works without JavaScript. */
export async function secondFactorAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  const pending = await pendingSignInCookie();
  if (!pending) return back("expired", next, null);
  const parsed = secondFactor.safeParse({ code: form.get("code") });
  if (!parsed.success) backToCode("invalid-code", next);
  let result: SecondFactorSignIn;
  try {
    result = await signInSecondFactor(pending, parsed.data.code, clientKeyFrom(await headers()));
    if (result.ok) {
      await setSessionCookie(result.sessionId);
      await clearPendingSignInCookie();
      if (result.usedRecoveryCode) await noteRecoveryCodeUsed(result.email, result.usedRecoveryCode.left);
    }
  } catch (error) {
    console.error(`[folio] sign-in failed: ${(error as Error).message}`);
    return back("unavailable", next, null);
  }
  if (!result.ok && result.error === "expired") {
    await clearPendingSignInCookie();
    return back("expired", next, null);
  }
  if (!result.ok) backToCode(result.error === "throttled" ? "throttled" : "invalid-code", next);
  redirect(next);
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientKeyFrom } from "@/lib/auth/client-key";
import { noteRecoveryCodeUsed } from "@/lib/admin/team/account";
import { clearPendingSignInCookie, pendingSignInCookie, safeNextPath, setPendingSignInCookie, setSessionCookie } from "@/lib/auth/request";
import { signIn, signInSecondFactor, type SecondFactorSignIn } from "@/lib/auth/sign-in";

const credentials = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

function back(error: string, next: string, page = "/admin/login"): never {
  redirect(`${page}?error=${error}&next=${encodeURIComponent(next)}`);
}

/** Signs in from the login form. Works without JavaScript: errors come back as a redirect to the form. */
export async function signInAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  const parsed = credentials.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) back("invalid", next);
  let result;
  try {
    result = await signIn(parsed.data.email, parsed.data.password, clientKeyFrom(await headers()));
    if (result.ok) await setSessionCookie(result.sessionId);
    else if (result.error === "second-factor") await setPendingSignInCookie(result.pending);
  } catch (error) {
    console.error(`[folio] sign-in failed: ${(error as Error).message}`);
    back("unavailable", next);
  }
  if (!result.ok && result.error === "second-factor") redirect(`/admin/login/two-factor?next=${encodeURIComponent(next)}`);
  if (!result.ok) back(result.error === "throttled" ? "throttled" : "invalid", next);
  redirect(next);
}

const secondFactor = z.object({ code: z.string().trim().min(1).max(64) });

/** The second step of a two-factor sign-in: an authenticator code or a recovery code. Works without JavaScript. */
export async function secondFactorAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  const pending = await pendingSignInCookie();
  if (!pending) back("expired", next);
  const parsed = secondFactor.safeParse({ code: form.get("code") });
  if (!parsed.success) back("invalid-code", next, "/admin/login/two-factor");
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
    back("unavailable", next);
  }
  if (!result.ok && result.error === "expired") {
    await clearPendingSignInCookie();
    back("expired", next);
  }
  if (!result.ok) back(result.error === "throttled" ? "throttled" : "invalid-code", next, "/admin/login/two-factor");
  redirect(next);
}

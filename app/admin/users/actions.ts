"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/admin/team/action-form";
import { cancelInvite, changeRole, inviteMember, removeMember, resetMemberPassword, resetMemberTwoFactor, setTwoFactorPolicy, type TeamResult } from "@/lib/admin/team/members";
import { authorize } from "@/lib/auth/request";
import { env } from "@/lib/config/env";

// Every action here is the admin's alone, and checks so itself: a form is just a public endpoint with a button.

/** A bounded string field; FormData can hold files or nothing at all. */
function text(form: FormData, name: string, max = 320): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

async function asAdmin(run: (actor: string) => Promise<TeamResult>): Promise<FormState> {
  const auth = await authorize("manage-users");
  if (!auth.ok) return { ok: false, error: auth.error };
  const result = await run(auth.session.email);
  if (!result.ok) return result;
  revalidatePath("/admin/users");
  // Links are shown as full URLs, ready to paste into an email.
  return result.link ? { ...result, link: `${env().siteUrl}${result.link}` } : result;
}

export async function inviteAction(_: FormState, form: FormData): Promise<FormState> {
  return asAdmin((actor) => inviteMember(actor, text(form, "email"), text(form, "role", 40)));
}

// Cancelling and removing take away the row that holds the form, and with it any message shown there: the outcome
// goes to the page instead (`?done=`), with or without JavaScript.
function toPage(state: FormState, done: string): FormState {
  if (state?.ok) redirect(`/admin/users?done=${done}`);
  return state;
}

export async function cancelInviteAction(_: FormState, form: FormData): Promise<FormState> {
  return toPage(await asAdmin((actor) => cancelInvite(actor, text(form, "email"))), "cancelled");
}

export async function changeRoleAction(_: FormState, form: FormData): Promise<FormState> {
  return asAdmin((actor) => changeRole(actor, text(form, "email"), text(form, "role", 40)));
}

export async function removeAction(_: FormState, form: FormData): Promise<FormState> {
  return toPage(await asAdmin((actor) => removeMember(actor, text(form, "email"))), "removed");
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  return asAdmin((actor) => resetMemberPassword(actor, text(form, "email")));
}

export async function resetTwoFactorAction(_: FormState, form: FormData): Promise<FormState> {
  return asAdmin((actor) => resetMemberTwoFactor(actor, text(form, "email")));
}

export async function policyAction(_: FormState, form: FormData): Promise<FormState> {
  const roles = form.getAll("roles").slice(0, 10).map((value) => (typeof value === "string" ? value.slice(0, 40) : ""));
  return asAdmin((actor) => setTwoFactorPolicy(actor, roles));
}

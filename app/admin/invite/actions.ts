"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/admin/team/action-form";
import { acceptInvite, completePasswordReset } from "@/lib/admin/team/links";

// The forms behind invitation and reset links. They have no session to check: the link's token is the whole
// authority, checked and used up in lib/admin/team/links.ts, and nothing else can be done through them.

function text(form: FormData, name: string, max = 1024): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

export async function acceptInviteAction(_: FormState, form: FormData): Promise<FormState> {
  const result = await acceptInvite(text(form, "token", 100), text(form, "password"), text(form, "confirm"));
  if (!result.ok) return result;
  redirect("/admin/login?notice=joined");
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const result = await completePasswordReset(text(form, "token", 100), text(form, "password"), text(form, "confirm"));
  if (!result.ok) return result;
  redirect("/admin/login?notice=reset");
}

"use server";
// Accepting an invitation: set the password with the one-time link, then sign straight in.
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth/config";
import { appDatabase } from "@/server/database";
import { acceptInvitation, InvitationError } from "@/server/people/invitations";

export interface AcceptState {
  error?: string;
}

export async function acceptInvitationAction(_previous: AcceptState, form: FormData): Promise<AcceptState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "The two passwords differ; type the same one twice." };
  let email: string;
  try {
    ({ email } = await acceptInvitation((await appDatabase()).db, token, password));
  } catch (error) {
    if (error instanceof InvitationError) return { error: error.message };
    throw error;
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    // The password is set either way; only the automatic sign-in failed.
    if (error instanceof AuthError) return { error: "Your password is set, but signing in failed. Sign in on the sign-in page." };
    throw error;
  }
  return {};
}

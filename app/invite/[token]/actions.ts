"use server";
// Accepting an invitation: set the password with the one-time link, then sign straight in. Guessing links is
// throttled like passwords, per address: over the limit the link is not even looked up.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/server/auth/config";
import { clientAddress, isThrottled, throttledAttempt, waitInWords } from "@/server/auth/throttle";
import { appDatabase } from "@/server/database";
import { acceptInvitation, InvitationError } from "@/server/people/invitations";

export interface AcceptState {
  error?: string;
}

export async function acceptInvitationAction(_previous: AcceptState, form: FormData): Promise<AcceptState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "The two passwords differ; type the same one twice." };
  const { db } = await appDatabase();
  const key = { kind: "invitation" as const, email: "", ip: clientAddress(await headers()) };
  let refused: InvitationError | null = null;
  const accepted = await throttledAttempt(db, key, async () => {
    try {
      return await acceptInvitation(db, token, password);
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      refused = error;
      return null;
    }
  });
  if (isThrottled(accepted)) return { error: `Too many failed attempts from this address. Try again in ${waitInWords(accepted.retryAfterSeconds)}.` };
  if (!accepted) return { error: (refused as InvitationError | null)?.message ?? "This link cannot be used." };
  try {
    await signIn("credentials", { email: accepted.email, password, redirectTo: "/" });
  } catch (error) {
    // The password is set either way; only the automatic sign-in failed.
    if (error instanceof AuthError) return { error: "Your password is set, but signing in failed. Sign in on the sign-in page." };
    throw error;
  }
  return {};
}

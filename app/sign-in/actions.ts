"use server";
// Sign-in and sign-out server actions. A failed sign-in says only that the pair was wrong, never which part;
// over the throttle's limit it says how long to wait (the password is then not checked at all).
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "@/server/auth/config";
import { safeNext } from "@/server/auth/session";
import { clientAddress, normalisedEmail, recordThrottled, throttleVerdict, waitInWords } from "@/server/auth/throttle";
import { appDatabase } from "@/server/database";

export interface SignInState {
  error?: string;
}

export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const next = safeNext(String(form.get("next") ?? "/"));
  const email = String(form.get("email") ?? "");
  const key = { kind: "password" as const, email: normalisedEmail(email), ip: clientAddress(await headers()) };
  const { db } = await appDatabase();
  const throttled = await throttleVerdict(db, key);
  if (throttled) {
    await recordThrottled(db, key);
    return { error: `Too many failed sign-ins for this account or from this address. Try again in ${waitInWords(throttled.retryAfterSeconds)}.` };
  }
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: next });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "That email and password do not match an active account." };
    throw error;
  }
}

export async function signInWithSso(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

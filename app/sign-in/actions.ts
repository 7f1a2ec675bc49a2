"use server";
// Sign-in and sign-out server actions. A failed sign-in says only that the pair was wrong, never which part.
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/server/auth/config";
import { safeNext } from "@/server/auth/session";

export interface SignInState {
  error?: string;
}

export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const next = safeNext(String(form.get("next") ?? "/"));
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: next,
    });
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

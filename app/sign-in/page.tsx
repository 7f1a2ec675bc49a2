// Sign-in page. In embedded demo mode it lists the demo accounts so a newcomer can look around at once.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, safeNext } from "@/server/auth/session";
import { oidcConfigured } from "@/server/auth/config";
import { demoMode } from "@/server/config";
import { appDatabase } from "@/server/database";
import { listDemoAccounts } from "@/server/seed/demo-accounts";
import { DEMO_PASSWORD } from "@/server/seed/demo-model";
import { signInWithSso } from "./actions";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/");
  const params = await searchParams;
  const demo = demoMode();
  const accounts = demo ? await listDemoAccounts((await appDatabase()).db) : [];
  return (
    <main className="sign-in">
      <div className="panel card">
        <h1>Throughline</h1>
        <p className="muted">The customer&apos;s journey across every department, in one view.</p>
        <SignInForm next={safeNext(params.next ?? params.callbackUrl)} demoAccounts={accounts} demoPassword={demo ? DEMO_PASSWORD : undefined} />
        {oidcConfigured() ? (
          <form action={signInWithSso}>
            <p>
              <button type="submit">Sign in with {process.env.AUTH_OIDC_NAME || "single sign-on"}</button>
            </p>
          </form>
        ) : null}
      </div>
    </main>
  );
}

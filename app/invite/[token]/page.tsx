// The page a one-time invitation link opens: anyone holding the link may use it once, so it needs no session.
// A used, expired or replaced link says so and tells the person whom to ask.
import type { Metadata } from "next";
import Link from "next/link";
import { appDatabase } from "@/server/database";
import { MINIMUM_PASSWORD_LENGTH, readInvitation } from "@/server/people/invitations";
import { AcceptInvitationForm } from "./accept-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set your password" };

const refusal = {
  used: "This link has already been used. If that was you, sign in with the password you chose.",
  expired: "This link has expired or was replaced by a newer one. Ask your Throughline admin for a new link.",
  unknown: "This link is not valid. Check that you copied all of it, or ask your Throughline admin for a new one.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await readInvitation((await appDatabase()).db, token);
  return (
    <main className="sign-in">
      <div className="panel card">
        <h1>Throughline</h1>
        {invitation.status === "valid" ? (
          <>
            <p>
              Welcome, {invitation.name}. Choose a password for <strong>{invitation.email}</strong>.
            </p>
            <AcceptInvitationForm token={token} email={invitation.email} minimumLength={MINIMUM_PASSWORD_LENGTH} />
          </>
        ) : (
          <>
            <p role="alert" className="error">
              {refusal[invitation.status]}
            </p>
            <p>
              <Link href="/sign-in">Go to sign in</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}

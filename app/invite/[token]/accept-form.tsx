"use client";
// The invited person's form: choose a password (twice), then land on their home page already signed in.
import { useActionState } from "react";
import { acceptInvitationAction, type AcceptState } from "./actions";

export function AcceptInvitationForm({ token, email, minimumLength }: { token: string; email: string; minimumLength: number }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} aria-describedby={state.error ? "accept-error" : undefined}>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <label htmlFor="password">Choose a password</label>
      <input id="password" name="password" type="password" autoComplete="new-password" minLength={minimumLength} required aria-describedby="password-hint" />
      <p id="password-hint" className="hint muted">
        At least {minimumLength} characters. A short sentence is easy to remember and hard to guess.
      </p>
      <label htmlFor="confirm">Type it again</label>
      <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={minimumLength} required />
      {state.error ? (
        <p id="accept-error" role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Setting your password…" : "Set password and sign in"}
        </button>
      </p>
    </form>
  );
}

"use client";
// The email + password form, with one-click filling of the demo accounts in demo mode.
import { useActionState, useRef } from "react";
import { signInWithPassword, type SignInState } from "./actions";

export interface DemoAccount {
  email: string;
  label: string;
}

export function SignInForm({ next, demoAccounts, demoPassword }: { next: string; demoAccounts: DemoAccount[]; demoPassword?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, {});
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const fill = (account: DemoAccount) => {
    if (email.current) email.current.value = account.email;
    if (password.current && demoPassword) password.current.value = demoPassword;
  };
  return (
    <>
      <form action={action} aria-describedby={state.error ? "sign-in-error" : undefined}>
        <input type="hidden" name="next" value={next} />
        <label htmlFor="email">Email</label>
        <input ref={email} id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input ref={password} id="password" name="password" type="password" autoComplete="current-password" required />
        {state.error ? (
          <p id="sign-in-error" role="alert" className="error">
            {state.error}
          </p>
        ) : null}
        <p>
          <button type="submit" className="primary" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </button>
        </p>
      </form>
      {demoAccounts.length > 0 ? (
        <section className="demo-accounts" aria-labelledby="demo-heading">
          <h3 id="demo-heading">Demo accounts</h3>
          <p className="muted">
            Password for all: <code>{demoPassword}</code>
          </p>
          <ul>
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <span>
                  <strong>{account.label}</strong> <span className="muted">{account.email}</span>
                </span>
                <button type="button" onClick={() => fill(account)} aria-label={`Use ${account.label} demo account`}>
                  Use
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

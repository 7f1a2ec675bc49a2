"use client";
// Invite someone: the account is created without a password and the admin hands over a one-time link with
// which the person sets their own. The same link button re-issues a link for anyone who lost theirs.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { userRoles, type UserRole } from "@/lib/enums";
import { useTRPC } from "@/lib/trpc-client";
import { InvitationLink } from "./invitation-link";
import type { RouterOutputs } from "@/lib/router-types";

/** A department a new person can belong to. */
export type DepartmentChoice = Pick<RouterOutputs["setup"]["touchpointChoices"]["departments"][number], "id" | "name">;

const roleHelp: Record<UserRole, string> = {
  admin: "sets up the program and imports data",
  executive: "reads every dashboard",
  owner: "runs the initiatives on their touchpoints",
};

export function InviteForm({ departments }: { departments: DepartmentChoice[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const empty = { name: "", email: "", role: "owner" as UserRole, departmentId: null as number | null };
  const [draft, setDraft] = useState(empty);
  const [invited, setInvited] = useState<string>("");
  const invite = useMutation(
    trpc.setup.inviteUser.mutationOptions({
      onSuccess: () => {
        setInvited(draft.name);
        setDraft(empty);
        router.refresh();
      },
    }),
  );
  return (
    <form
      className="card editor"
      aria-label="Invite someone"
      style={{ marginBottom: 16 }}
      onSubmit={(event) => {
        event.preventDefault();
        invite.mutate(draft);
      }}
    >
      <h2>Invite someone</h2>
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-email`}>Email</label>
          <input id={`${id}-email`} type="email" required value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.target.value as UserRole })}
            aria-describedby={`${id}-role-help`}
          >
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <div id={`${id}-role-help`} className="hint muted">
            An {draft.role} {roleHelp[draft.role]}.
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-department`}>Department</label>
          <select
            id={`${id}-department`}
            value={draft.departmentId ?? ""}
            onChange={(e) => setDraft({ ...draft, departmentId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">None</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={invite.isPending}>
          {invite.isPending ? "Inviting…" : "Create account and link"}
        </button>
      </div>
      {invite.error ? (
        <p role="alert" className="error">
          {invite.error.message}
        </p>
      ) : null}
      {invite.data ? <InvitationLink token={invite.data.token} expiresAt={invite.data.expiresAt} name={invited} /> : null}
    </form>
  );
}

export function NewLinkButton({ userId, name, hasPassword }: { userId: number; name: string; hasPassword: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const issue = useMutation(trpc.setup.reissueInvitation.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span>
      <button
        type="button"
        className="link-like"
        disabled={issue.isPending}
        onClick={() => {
          // A link replaces a password on use, so say so before issuing one for someone who has one.
          if (
            hasPassword &&
            !window.confirm(
              `${name} already has a password. The new link lets them set a new one, and their current password keeps working until they do. Issue it?`,
            )
          )
            return;
          issue.mutate({ userId });
        }}
        aria-label={`New sign-in link for ${name}`}
      >
        New link
      </button>
      {issue.error ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {issue.error.message}
        </span>
      ) : null}
      {issue.data ? <InvitationLink token={issue.data.token} expiresAt={issue.data.expiresAt} name={name} /> : null}
    </span>
  );
}

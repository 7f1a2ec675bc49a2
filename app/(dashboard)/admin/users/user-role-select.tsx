"use client";
// Change someone's role from the users table; it takes effect on their next click. The server refuses an
// admin demoting themselves, and says so here.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UserRole } from "@/lib/enums";
import { useTRPC } from "@/lib/trpc-client";

const roles: UserRole[] = ["admin", "executive", "owner"];

export function UserRoleSelect({ userId, name, role, self }: { userId: number; name: string; role: UserRole; self: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [current, setCurrent] = useState(role);
  const change = useMutation(trpc.admin.setUserRole.mutationOptions({ onSuccess: () => router.refresh() }));
  if (self) return <span style={{ textTransform: "capitalize" }}>{role}</span>;
  return (
    <span>
      <select
        aria-label={`Role of ${name}`}
        value={current}
        disabled={change.isPending}
        onChange={(e) => {
          const next = e.target.value as UserRole;
          // A role decides what someone may see and change: ask before it takes effect on their next click.
          if (!window.confirm(`Make ${name} ${next === "admin" ? "an admin" : `an ${next}`}? It takes effect on their next click.`)) return;
          setCurrent(next);
          change.mutate({ userId, role: next });
        }}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {change.isSuccess ? (
        <span role="status" className="good-text">
          {" "}
          Saved.
        </span>
      ) : null}
      {change.error ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {change.error.message}
        </span>
      ) : null}
    </span>
  );
}

"use client";
// Change someone's role from the users table; it takes effect on their next click. The server refuses an
// admin demoting themselves, and says so here.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { UserRole } from "@/lib/enums";
import { useTRPC } from "@/lib/trpc-client";

const roles: UserRole[] = ["admin", "executive", "owner"];

export function UserRoleSelect({ userId, name, role, self }: { userId: number; name: string; role: UserRole; self: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.admin.setUserRole.mutationOptions({ onSuccess: () => router.refresh() }));
  if (self) return <span style={{ textTransform: "capitalize" }}>{role}</span>;
  return (
    <span>
      <select
        aria-label={`Role of ${name}`}
        defaultValue={role}
        disabled={change.isPending}
        onChange={(e) => change.mutate({ userId, role: e.target.value as UserRole })}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {change.error ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {change.error.message}
        </span>
      ) : null}
    </span>
  );
}

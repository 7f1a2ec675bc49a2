"use client";
// Activate or deactivate a user through tRPC, with the server's refusal shown in words.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/lib/trpc-client";

export function UserActiveToggle({ userId, name, active, self }: { userId: number; name: string; active: boolean; self: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.admin.setUserActive.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span>
      {active ? <span className="tag">active</span> : <span className="tag inactive">deactivated</span>}{" "}
      {self ? null : (
        <button
          type="button"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ userId, active: !active })}
          aria-label={`${active ? "Deactivate" : "Reactivate"} ${name}`}
        >
          {active ? "Deactivate" : "Reactivate"}
        </button>
      )}
      {mutation.error ? (
        <span role="alert" className="error" style={{ display: "block" }}>
          {mutation.error.message}
        </span>
      ) : null}
    </span>
  );
}

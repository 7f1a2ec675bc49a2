"use client";
// Post an update to the initiative's timeline: what happened, in the owner's words.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";

export function PostUpdate({ initiativeId }: { initiativeId: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const post = useMutation(
    trpc.initiatives.addUpdate.mutationOptions({
      onSuccess: () => {
        setBody("");
        router.refresh();
      },
    }),
  );
  return (
    <form
      aria-label="Post an update"
      onSubmit={(event) => {
        event.preventDefault();
        post.mutate({ initiativeId, body });
      }}
    >
      <label htmlFor={`${id}-body`}>Your update</label>
      <textarea id={`${id}-body`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} placeholder="What changed, what is next, what is blocking" />
      <button type="submit" className="primary" disabled={post.isPending || !body.trim()}>
        Post update
      </button>
      {post.error ? (
        <p role="alert" className="error">
          {post.error.message}
        </p>
      ) : null}
    </form>
  );
}

"use client";
// Shows a one-time sign-in link once, with a copy button: it is not stored, so it cannot be shown again.
import { useState } from "react";
import { formatDateTime } from "@/components/format";

export function InvitationLink({ token, expiresAt, name }: { token: string; expiresAt: Date; name: string }) {
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}/invite/${token}`;
  return (
    <div className="notice" role="status">
      <p style={{ marginTop: 0 }}>
        Send this link to {name}. It works once, until {formatDateTime(expiresAt)} UTC, and is shown only now.
      </p>
      <div className="invite-link">
        <input type="text" readOnly value={link} aria-label={`One-time sign-in link for ${name}`} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

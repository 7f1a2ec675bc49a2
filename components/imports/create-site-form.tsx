"use client";
// Create the site an export names, from the import preview: the code is the file's, the admin gives the
// name and the region; the preview then runs again with the site known.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";

export function CreateSiteForm({
  code,
  regions,
  onCreated,
  onCancel,
}: {
  code: string;
  regions: Array<{ id: number; label: string }>;
  onCreated: (code: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [name, setName] = useState("");
  const [regionId, setRegionId] = useState(regions[0]?.id ?? 0);
  const create = useMutation(trpc.setup.createLocation.mutationOptions({ onSuccess: (created) => onCreated(created.code) }));
  return (
    <form
      className="card editor"
      aria-label={`Create the site ${code}`}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ code, name, kind: "site", parentId: regionId || null, managerId: null });
      }}
    >
      <h4>
        Create the site <code>{code}</code>
      </h4>
      <div className="editor-row">
        <div>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </div>
        <div>
          <label htmlFor={`${id}-region`}>Region</label>
          <select id={`${id}-region`} required value={regionId} onChange={(e) => setRegionId(Number(e.target.value))}>
            {regions.length === 0 ? <option value={0}>No regions yet: add one under Setup › Locations</option> : null}
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                {region.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create site"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {create.error ? (
        <p role="alert" className="error">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}

"use client";
// The model file on the page: download departments, people, journeys, stages, touchpoints and targets as
// JSON, or apply an edited file — validated first, all-or-nothing, every problem listed with its path.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import { countOf } from "@/components/format";

export function ModelFile() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [readError, setReadError] = useState<string | null>(null);
  const apply = useMutation(trpc.admin.importModel.mutationOptions({ onSuccess: (result) => result.ok && router.refresh() }));

  async function download() {
    const model = await queryClient.fetchQuery(trpc.admin.exportModel.queryOptions());
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(model, null, 2)}\n`], { type: "application/json" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: `throughline-model-${new Date().toISOString().slice(0, 10)}.json` });
    link.click();
    URL.revokeObjectURL(url);
  }

  async function upload(file: File | undefined) {
    setReadError(null);
    if (!file) return;
    try {
      apply.mutate({ document: JSON.parse(await file.text()) as unknown });
    } catch {
      setReadError(`${file.name} is not valid JSON. Export the model first to see the expected shape.`);
    }
  }

  const result = apply.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`} style={{ marginBottom: 16 }}>
      <h2 id={`${id}-title`}>Model file</h2>
      <p className="muted">
        The whole model as one JSON file — the same as <code>npm run cli -- model export</code> and <code>model import</code>. Importing upserts by code, email
        and name, so a file can be applied twice; a file with any problem writes nothing.
      </p>
      <div className="upload-row">
        <button type="button" onClick={() => void download()}>
          Download the model (JSON)
        </button>
        <label htmlFor={`${id}-file`} style={{ margin: 0 }}>
          Apply a model file
        </label>
        <input id={`${id}-file`} type="file" accept="application/json,.json" onChange={(e) => void upload(e.target.files?.[0])} disabled={apply.isPending} />
      </div>
      {readError ? (
        <p role="alert" className="error">
          {readError}
        </p>
      ) : null}
      {apply.error ? (
        <p role="alert" className="error">
          {apply.error.message}
        </p>
      ) : null}
      {result?.ok === false ? (
        <div role="alert" className="error">
          The file has {result.problems.length} problem{result.problems.length === 1 ? "" : "s"}; nothing was changed:
          <ul>
            {result.problems.slice(0, 50).map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.ok ? (
        <p role="status" className="notice">
          Applied:{" "}
          {[
            countOf(result.summary.departments, "department"),
            countOf(result.summary.users, "person", "people"),
            countOf(result.summary.touchpoints, "touchpoint"),
            countOf(result.summary.journeys, "journey"),
          ].join(", ")}
          .
        </p>
      ) : null}
    </section>
  );
}

"use client";
// Cost per hour by channel: what an hour of handling costs, to price contacts whose tool gave no cost of its own.
// Only the changed channels are saved (each an audited setting); a refused figure is said at its field.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { countOf } from "@/components/format";
import { formatCost } from "@/lib/money";
import { contactChannelLabel } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc-client";
import { problemsByField } from "./contact-reasons-shared";

type Costs = RouterOutputs["contactReasons"]["costs"];
type Channel = Costs["channels"][number]["channel"];

export function ContactCostsForm({ costs }: { costs: Costs }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const saved = Object.fromEntries(costs.channels.map((c) => [c.channel, String(c.costPerHour)])) as Record<Channel, string>;
  const [values, setValues] = useState(saved);
  const [problems, setProblems] = useState<Partial<Record<Channel, string>>>({});
  const [status, setStatus] = useState("");
  const save = useMutation(trpc.contactReasons.setCost.mutationOptions());
  const changed = costs.channels.filter((c) => values[c.channel].trim() !== saved[c.channel]);

  const submit = async () => {
    setStatus("");
    const found: Partial<Record<Channel, string>> = {};
    let done = 0;
    for (const { channel } of changed) {
      const text = values[channel].trim().replace(/^[£$€]/, "");
      const costPerHour = text === "" ? NaN : Number(text);
      if (!Number.isFinite(costPerHour)) {
        found[channel] = "write a number, e.g. 36 or 28.50";
        continue;
      }
      try {
        await save.mutateAsync({ channel, costPerHour });
        done += 1;
      } catch (error) {
        const err = error as Parameters<typeof problemsByField>[0];
        found[channel] = problemsByField(err).costPerHour ?? err?.message ?? "not saved";
      }
    }
    setProblems(found);
    if (done) {
      setStatus(`Saved ${countOf(done, "channel")}.`);
      router.refresh();
    }
  };

  return (
    <form
      className="card editor"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>Cost per hour by channel</h2>
      <p className="muted">
        A contact costs what its support tool says it cost; when the tool gives none, its handling time is priced at its channel&apos;s cost per hour: a
        12-minute call at 36 an hour costs 12 ÷ 60 × 36 = 7.20. Figures are in {costs.currency}.
      </p>
      <div className="editor-row" style={{ flexWrap: "wrap" }}>
        {costs.channels.map((c) => (
          <div key={c.channel}>
            <label htmlFor={`${id}-${c.channel}`}>{contactChannelLabel[c.channel]}</label>
            <input
              id={`${id}-${c.channel}`}
              type="text"
              inputMode="decimal"
              size={8}
              value={values[c.channel]}
              onChange={(e) => setValues({ ...values, [c.channel]: e.target.value })}
              aria-invalid={problems[c.channel] ? true : undefined}
              aria-describedby={problems[c.channel] ? `${id}-${c.channel}-problem` : `${id}-${c.channel}-hint`}
            />
            {problems[c.channel] ? (
              <p id={`${id}-${c.channel}-problem`} className="field-error" role="alert">
                {problems[c.channel]}
              </p>
            ) : (
              <div id={`${id}-${c.channel}-hint`} className="hint muted">
                an hour; default {formatCost(c.defaultCostPerHour, costs.currency)}
              </div>
            )}
          </div>
        ))}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || changed.length === 0}>
          {save.isPending ? "Saving…" : changed.length ? `Save ${countOf(changed.length, "channel")}` : "Save"}
        </button>
        <span role="status" className="good-text">
          {status}
        </span>
      </div>
    </form>
  );
}

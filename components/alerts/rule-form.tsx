"use client";
// One alert rule, new or edited: its name, kind, where it looks, the fields its kind needs (metric, theme, periods,
// weeks, words, minimum share) and who is told. Saved through alerts.createRule/updateRule; the server's words at each field.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  alertComparisons,
  alertRuleKinds,
  alertScopeLevels,
  EXPERIENCE_METRIC,
  type AlertRecipients,
  type AlertRuleKind,
  type AlertScopeLevel,
} from "@/lib/alerts";
import { useTRPC } from "@/lib/trpc-client";
import {
  comparisonLabel,
  draftOf,
  entitiesOf,
  entityLevelLabel,
  newRuleDraft,
  ruleInput,
  ruleKindLabel,
  ruleProblems,
  scopeLevelLabel,
  type AlertRuleRow,
  type RuleChoices,
  type RuleDraft,
  type RuleField,
} from "./rule-text";

type Problems = Partial<Record<RuleField, string>>;

/** A labelled control with its hint, or the server's words in its place, tied to it by aria-describedby. */
function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  children: (described: { "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode;
}) {
  const describedBy = problem ? `${id}-problem` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children({ "aria-describedby": describedBy, "aria-invalid": problem ? true : undefined })}
      {problem ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : hint ? (
        <div id={`${id}-hint`} className="hint muted">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

const scopeHint: Record<AlertRuleKind, string> = {
  metric_drop: "Each one of the level is compared on its own, or only the one you choose.",
  contacts_up: "Each one of the level is compared on its own, or only the one you choose.",
  below_target: "Every touchpoint in the scope is watched on its own, against its own target.",
  detractor_words: "Every touchpoint in the scope is watched on its own.",
  theme_share: "All touchpoints: the whole program's comments together, one case. A level: each one of it on its own, or only the one you choose.",
};

function ScopeFields({
  draft,
  choices,
  problems,
  onChange,
}: {
  draft: RuleDraft;
  choices: RuleChoices;
  problems: Problems;
  onChange: (scope: Pick<RuleDraft, "scopeLevel" | "entityId">) => void;
}) {
  const id = useId();
  const level = draft.scopeLevel;
  const entities = level === "all" ? [] : entitiesOf(level, choices).filter((e) => e.active || e.id === draft.entityId);
  return (
    <div className="editor-row">
      <Field id={`${id}-level`} label="Scope" hint={scopeHint[draft.kind]} problem={problems.scopeLevel}>
        {(described) => (
          <select id={`${id}-level`} value={level} onChange={(e) => onChange({ scopeLevel: e.target.value as AlertScopeLevel, entityId: null })} {...described}>
            {alertScopeLevels.map((l) => (
              <option key={l} value={l}>
                {scopeLevelLabel[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {level === "all" ? null : (
        <Field id={`${id}-entity`} label={entityLevelLabel[level]} problem={problems.entityId}>
          {(described) => (
            <select
              id={`${id}-entity`}
              value={draft.entityId ?? ""}
              onChange={(e) => onChange({ scopeLevel: level, entityId: e.target.value ? Number(e.target.value) : null })}
              {...described}
            >
              <option value="">Each {level}</option>
              {entities.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                  {e.active ? "" : " (inactive)"}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </div>
  );
}

function metricOptionLabel(metric: RuleChoices["metrics"][number]): string {
  return metric.kind === "custom" ? metric.name : `${metric.name} (${metric.code.toUpperCase()})`;
}

/** The fields only some kinds have: the metric, the theme, the periods compared, the weeks in a row, the words, the minimum share. */
function KindFields({
  draft,
  choices,
  problems,
  set,
}: {
  draft: RuleDraft;
  choices: RuleChoices;
  problems: Problems;
  set: <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => void;
}) {
  const id = useId();
  const { kind } = draft;
  const hasMetric = kind === "metric_drop" || kind === "below_target";
  const hasComparison = kind === "metric_drop" || kind === "contacts_up" || kind === "theme_share";
  const themes = choices.themes.filter((t) => t.active || t.id === draft.themeId);
  if (kind === "detractor_words")
    return (
      <Field
        id={`${id}-words`}
        label="Words or phrases"
        hint="Separate them with commas or new lines, e.g. refund, never again, manager. Each is found as whole words, whatever the case, in comments of detractors (NPS 0–6 or CSAT 1–2) as they are imported."
        problem={problems.words}
      >
        {(described) => (
          <textarea id={`${id}-words`} rows={3} maxLength={5000} value={draft.words} onChange={(e) => set("words", e.target.value)} {...described} />
        )}
      </Field>
    );
  return (
    <div className="editor-row">
      {hasMetric ? (
        <Field
          id={`${id}-metric`}
          label="Metric"
          hint={kind === "below_target" ? "Compared with each touchpoint's target for it (set on the touchpoint)." : undefined}
          problem={problems.metricCode}
        >
          {(described) => (
            <select id={`${id}-metric`} value={draft.metricCode} onChange={(e) => set("metricCode", e.target.value)} {...described}>
              {kind === "metric_drop" ? <option value={EXPERIENCE_METRIC}>Experience score (all metrics, weighted)</option> : null}
              {choices.metrics.map((m) => (
                <option key={m.code} value={m.code}>
                  {metricOptionLabel(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kind === "theme_share" ? (
        <Field
          id={`${id}-theme`}
          label="Theme"
          hint={themes.length ? "Its share of the scope's comments, from Setup › Themes." : "No theme yet: add one on Setup › Themes first."}
          problem={problems.themeId}
        >
          {(described) => (
            <select
              id={`${id}-theme`}
              value={draft.themeId ?? ""}
              onChange={(e) => set("themeId", e.target.value ? Number(e.target.value) : null)}
              {...described}
            >
              <option value="">Choose a theme</option>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.active ? "" : " (paused)"}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {hasComparison ? (
        <Field
          id={`${id}-comparison`}
          label="Compare"
          hint="The last complete ISO week with the week before, or the last complete month with the month before."
          problem={problems.comparison}
        >
          {(described) => (
            <select
              id={`${id}-comparison`}
              value={draft.comparison}
              onChange={(e) => set("comparison", e.target.value as RuleDraft["comparison"])}
              {...described}
            >
              {alertComparisons.map((c) => (
                <option key={c} value={c}>
                  {comparisonLabel[c].charAt(0).toUpperCase() + comparisonLabel[c].slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kind === "theme_share" ? (
        <Field
          id={`${id}-min-share`}
          label="Minimum share (%)"
          hint="Optional: only once the theme is in at least this share of comments, e.g. 5. Empty: any significant rise."
          problem={problems.minSharePercent}
        >
          {(described) => (
            <input
              id={`${id}-min-share`}
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={draft.minSharePercent}
              onChange={(e) => set("minSharePercent", e.target.value)}
              {...described}
            />
          )}
        </Field>
      ) : null}
      {kind === "below_target" ? (
        <Field
          id={`${id}-weeks`}
          label="Weeks in a row"
          hint="Clearly below target (beyond the margin) this many complete weeks running, 1 to 26."
          problem={problems.consecutiveWeeks}
        >
          {(described) => (
            <input
              id={`${id}-weeks`}
              type="number"
              inputMode="numeric"
              step={1}
              value={draft.consecutiveWeeks}
              onChange={(e) => set("consecutiveWeeks", e.target.value)}
              {...described}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}

function RecipientFields({
  recipients,
  people,
  problems,
  onChange,
}: {
  recipients: AlertRecipients;
  people: RuleChoices["people"];
  problems: Problems;
  onChange: (recipients: AlertRecipients) => void;
}) {
  const id = useId();
  const offered = people.filter((p) => p.active || recipients.userIds.includes(p.id));
  const check = (key: "touchpointOwner" | "departmentHead" | "ccoRole", label: string) => (
    <label className="inline">
      <input type="checkbox" checked={recipients[key]} onChange={(e) => onChange({ ...recipients, [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <fieldset className="placements" aria-describedby={problems.recipients ? `${id}-problem` : undefined}>
      <legend>Who is told</legend>
      {check("touchpointOwner", "The touchpoint's owner")}
      {check("departmentHead", "The department head")}
      {check("ccoRole", "The CCO's office (everyone with the executive role)")}
      {problems.recipients ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problems.recipients}
        </p>
      ) : null}
      <Field
        id={`${id}-people`}
        label="Named people"
        hint="Hold Ctrl (⌘ on a Mac) or Shift to choose several; Space toggles one from the keyboard."
        problem={problems.userIds}
      >
        {(described) => (
          <select
            id={`${id}-people`}
            multiple
            size={Math.min(6, Math.max(3, offered.length))}
            value={recipients.userIds.map(String)}
            onChange={(e) => onChange({ ...recipients, userIds: Array.from(e.target.selectedOptions, (option) => Number(option.value)) })}
            {...described}
          >
            {offered.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.role}){p.active ? "" : " — deactivated"}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}

/** A kind's own fields keep what makes sense for it: the experience score is not a target's metric. */
function withKind(draft: RuleDraft, kind: AlertRuleKind): RuleDraft {
  const metricCode = kind === "below_target" && draft.metricCode === EXPERIENCE_METRIC ? newRuleDraft.metricCode : draft.metricCode;
  return { ...draft, kind, metricCode };
}

export function RuleForm({ rule, choices }: { rule?: AlertRuleRow; choices: RuleChoices }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState<RuleDraft>(rule ? draftOf(rule) : newRuleDraft);
  const [status, setStatus] = useState("");
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const create = useMutation(trpc.alerts.createRule.mutationOptions());
  const update = useMutation(trpc.alerts.updateRule.mutationOptions());
  const save = rule ? update : create;
  const pending = create.isPending || update.isPending;
  const { byField: problems, other } = ruleProblems(save.error);
  const title = rule ? `Edit alert rule “${rule.name}”` : "New alert rule";

  return (
    <form
      id="rule-form"
      className="card editor"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setStatus("");
        const input = ruleInput(draft);
        if (rule)
          update.mutate(
            { ...input, id: rule.id },
            {
              onSuccess: (saved) => {
                setStatus(`Saved “${saved.name}”.`);
                router.refresh();
              },
            },
          );
        else
          create.mutate(input, {
            onSuccess: (created) => {
              setStatus(`Added “${created.name}”${created.active ? "; it runs after every import and every hour" : ", paused"}.`);
              setDraft(newRuleDraft);
              router.refresh();
            },
          });
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="editor-row">
        <Field id={`${id}-name`} label="Name" problem={problems.name}>
          {(described) => (
            <input id={`${id}-name`} type="text" required maxLength={200} value={draft.name} onChange={(e) => set("name", e.target.value)} {...described} />
          )}
        </Field>
        <Field id={`${id}-kind`} label="Kind" problem={problems.kind}>
          {(described) => (
            <select id={`${id}-kind`} value={draft.kind} onChange={(e) => setDraft((d) => withKind(d, e.target.value as AlertRuleKind))} {...described}>
              {alertRuleKinds.map((k) => (
                <option key={k} value={k}>
                  {ruleKindLabel[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ScopeFields draft={draft} choices={choices} problems={problems} onChange={(scope) => setDraft((d) => ({ ...d, ...scope }))} />
      <KindFields draft={draft} choices={choices} problems={problems} set={set} />
      <RecipientFields recipients={draft.recipients} people={choices.people} problems={problems} onChange={(recipients) => set("recipients", recipients)} />
      <label className="inline">
        <input type="checkbox" checked={draft.active} onChange={(e) => set("active", e.target.checked)} />
        Active: evaluate this rule after every import and every hour
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Saving…" : rule ? "Save rule" : "Add rule"}
        </button>
        {rule ? (
          <Link href="/admin/alert-rules" className="button">
            Stop editing
          </Link>
        ) : null}
        <span role="status" className="good-text">
          {status}
        </span>
      </div>
      {other ? (
        <p role="alert" className="error">
          {other}
        </p>
      ) : null}
    </form>
  );
}

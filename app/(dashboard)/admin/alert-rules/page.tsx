// Admin: every alert rule in words (what it watches, who is told), active or paused, how many alerts it has
// raised; pause, edit or delete one, add one, or run every rule now.
import type { Metadata } from "next";
import Link from "next/link";
import { RuleActions, RunAlertsButton } from "@/components/alerts/rule-actions";
import { RuleForm } from "@/components/alerts/rule-form";
import { describeRecipients, describeRuleWatch, type RuleChoices } from "@/components/alerts/rule-text";
import { EmptyState } from "@/components/empty-state";
import { countOf, formatNumber } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alert rules" };

function editId(value: string | string[] | undefined): number | null {
  const id = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export default async function AlertRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const editing = editId((await searchParams).edit);
  const api = await serverApi();
  const [rules, touchpoints, model, users, themes] = await Promise.all([
    api.alerts.rules(),
    api.model.touchpoints(),
    api.setup.touchpointChoices(),
    api.admin.users(),
    api.alerts.ruleThemes(),
  ]);
  // The list's total for one rule counts every alert it raised, whatever the limit.
  const raised = await Promise.all(rules.map((rule) => api.alerts.list({ ruleId: rule.id, limit: 1 }).then((list) => list.total)));
  const choices: RuleChoices = {
    touchpoints: touchpoints.map(({ id, code, name, active }) => ({ id, code, name, active })),
    stages: model.journeys.flatMap((journey) => journey.stages.map((stage) => ({ id: stage.id, name: `${journey.name} › ${stage.name}` }))),
    journeys: model.journeys.map(({ id, name, active }) => ({ id, name, active })),
    departments: model.departments,
    metrics: model.metrics,
    themes,
    people: users.map(({ id, name, role, active }) => ({ id, name, role, active })),
  };
  const edited = editing === null ? undefined : rules.find((rule) => rule.id === editing);
  return (
    <>
      <PageHeader
        title="Alert rules"
        description="What Throughline watches for and who it tells. Rules are evaluated from the roll-ups after every committed import and every hour; detractors' words are read in each import as it arrives."
      />
      <section className="card" aria-labelledby="alert-rules-title">
        <h2 id="alert-rules-title">Rules</h2>
        {rules.length ? (
          <div className="table-scroll">
            <table className="data">
              <caption className="visually-hidden">{countOf(rules.length, "alert rule")}</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Watches</th>
                  <th scope="col">Who is told</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Alerts raised
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule, i) => (
                  <tr key={rule.id}>
                    <th scope="row">{rule.name}</th>
                    <td>{describeRuleWatch(rule, choices)}</td>
                    <td>{describeRecipients(rule.recipients, choices)}</td>
                    <td>{rule.active ? <span className="tag">Active</span> : <span className="tag inactive">Paused</span>}</td>
                    <td className="num">
                      {raised[i] ? (
                        <Link href={`/alerts?ruleId=${rule.id}&show=all`} aria-label={`${countOf(raised[i]!, "alert")} raised by ${rule.name}`}>
                          {formatNumber(raised[i]!)}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td className="row-actions">
                      <RuleActions rule={rule} alertsRaised={raised[i]!} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="No alert rules yet — add one below">
            <p>A rule says what to watch (a significant drop, a metric below target, a detractor&apos;s words, contacts caused going up) and who to tell.</p>
          </EmptyState>
        )}
        <RunAlertsButton />
      </section>
      {editing !== null && !edited ? (
        <p role="alert" className="error">
          There is no alert rule {editing} to edit: it may have been deleted. Add a new rule below instead.
        </p>
      ) : null}
      <RuleForm key={edited?.id ?? "new"} rule={edited} choices={choices} />
    </>
  );
}

// One silo's view: its index across every journey beside the contacts its touchpoints cause downstream, each
// touchpoint it owns (weakest first) with its contacts caused, and its owners.
import type { Metadata } from "next";
import Link from "next/link";
import { describeChange, describeContactChange, describeScore, describeUnclassified, formatContacts, formatValue } from "@/components/format";
import { MethodLink } from "@/components/method-link";
import { formatCost } from "@/lib/money";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { idFromRoute, orNotFound } from "@/components/dashboard/entity-page";
import { FilterBar, hrefWith } from "@/components/dashboard/filter-bar";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ThemesSection, hasThemes } from "@/components/themes/themes-section";
import { serverApi } from "@/server/api/caller";
import { readDashboardFilters } from "@/server/scores/filters";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Department" };

export default async function DepartmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ departmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const departmentId = idFromRoute((await params).departmentId);
  const { filters, problems: filterProblems } = readDashboardFilters(await searchParams);
  const api = await serverApi();
  const [data, themes] = await Promise.all([
    orNotFound(api.dashboard.department({ ...filters, departmentId })),
    orNotFound(api.themes.view({ ...filters, level: "department", id: departmentId })),
  ]);
  const keep = { ...filters, departmentId: undefined };
  return (
    <>
      <p className="breadcrumb">
        <Link href={hrefWith("/overview", keep, {})}>Overview</Link> › {data.department.name}
      </p>
      <PageHeader title={data.department.name} description={`Owners: ${data.owners.join(", ") || "none yet"}`} />
      <FilterBar
        problems={[...filterProblems, ...data.filterProblems]}
        filters={{ ...filters, departmentId }}
        period={data.period}
        compareTo={data.compareTo}
        {...data.filterOptions}
        departments={undefined}
      />
      <div className="two-col">
        <section className="card" aria-labelledby="department-index">
          <h2 id="department-index">Department index</h2>
          <p>
            <strong>{describeScore("program", data.index)}</strong> · {describeChange("program", data.change)}
          </p>
          <MethodLink section="roll-up">How the index is computed</MethodLink>
        </section>
        <section className="card" aria-labelledby="department-caused">
          <h2 id="department-caused">Contacts caused downstream</h2>
          {data.caused.mapped ? (
            <>
              <p>
                <strong>
                  {formatContacts(data.caused.contacts)}, {formatCost(data.caused.cost, data.currency)}
                </strong>{" "}
                · {describeContactChange(data.caused.change)} against {formatContacts(data.caused.previous.contacts)} in the comparison period
              </p>
              {describeUnclassified(data.caused.unclassifiedShare) ? <p className="left-out">{describeUnclassified(data.caused.unclassifiedShare)}</p> : null}
              <p>
                <Link href={hrefWith("/failure-demand", keep, { departmentId })}>The reasons and the contacts behind it</Link>
              </p>
            </>
          ) : (
            <EmptyState title="No contact reasons are mapped to this department's touchpoints yet">
              <p>
                {data.contactsInPeriod > 0 ? "Support's contacts are in, but none is attributed to these touchpoints." : "No service contacts in this period."}{" "}
                <Link href="/admin/contact-reasons">Map contact reasons</Link> (admins).
              </p>
            </EmptyState>
          )}
          <MethodLink section="failure-demand">How contacts caused are counted</MethodLink>
        </section>
      </div>
      {hasThemes(themes) ? <ThemesSection view={themes} filters={keep} /> : null}
      <div className="section-head">
        <h2>Touchpoints it owns, across all journeys (weakest first)</h2>
        <DownloadCsv
          fileName={`${data.department.name} ${data.period.from} ${data.period.to}.csv`}
          rows={data.touchpoints.map((tp) => ({
            code: tp.code,
            touchpoint: tp.name,
            owner: tp.ownerName,
            n: tp.experience.n,
            score: tp.experience.status === "ok" ? Number(tp.experience.value.toFixed(1)) : "insufficient",
            csat: tp.csat?.status === "ok" ? Number(tp.csat.value.toFixed(1)) : "insufficient",
            csat_target: tp.csatTarget ?? "",
            placements: tp.placements.map((p) => p.label).join("; "),
            contacts_caused: Number(tp.caused.contacts.toFixed(1)),
            contacts_caused_cost: Number(tp.caused.cost.toFixed(2)),
            contacts_caused_before: Number(tp.caused.previous.contacts.toFixed(1)),
            currency: data.currency,
          }))}
        />
      </div>
      {data.touchpoints.length === 0 ? (
        <EmptyState title="This department owns no touchpoints in this view" />
      ) : (
        <table className="data">
          <thead>
            <tr>
              {["Touchpoint", "Owner", "Journey › stage", "Experience score", "Change", "CSAT (target)", "Contacts caused"].map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.touchpoints.map((tp) => (
              <tr key={tp.id}>
                <td>
                  <Link href={hrefWith(`/touchpoints/${tp.id}`, keep, {})}>{tp.name}</Link>
                  {tp.momentOfTruth ? <span className="mot"> ★</span> : null} <span className="muted">{tp.code}</span>
                </td>
                <td>{tp.ownerName ?? "—"}</td>
                <td>{tp.placements.map((p) => p.label).join("; ") || <span className="muted">not placed</span>}</td>
                <td>{describeScore("program", tp.experience)}</td>
                <td>{describeChange("program", tp.change)}</td>
                <td>
                  {tp.csat ? describeScore("csat", tp.csat) : "not asked"}
                  {tp.csatTarget != null ? ` (${formatValue("csat", tp.csatTarget)})` : ""}
                </td>
                <td>
                  {tp.caused.mapped ? (
                    <>
                      <Link href={`${hrefWith(`/touchpoints/${tp.id}`, keep, {})}#caused`}>{formatContacts(tp.caused.contacts)}</Link>,{" "}
                      {formatCost(tp.caused.cost, data.currency)}
                      <div className="muted">{describeContactChange(tp.caused.change)}</div>
                    </>
                  ) : (
                    <span className="muted">no reasons mapped</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

// Behind a failure-demand figure: the reasons (from the roll-ups) and the contacts themselves, newest first, 50 a
// page, with the view's filters in the URL; requesters' details only for admins and the causing touchpoint's owner.
import type { Metadata } from "next";
import { countOf, formatContacts, formatDateTime, formatNumber, formatPeriod } from "@/components/format";
import { orNotFound } from "@/components/dashboard/entity-page";
import { EmptyState } from "@/components/empty-state";
import { ContactCells, DataTable, num } from "@/components/failure-demand/tables";
import { PageHeader } from "@/components/page-header";
import { entityIdText } from "@/lib/schemas";
import { formatCost } from "@/lib/money";
import { contactChannelLabel } from "@/components/format";
import { serverApi } from "@/server/api/caller";
import { readDashboardFilters } from "@/server/scores/filters";
import { linkWith } from "../links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Failure demand: contacts" };

const demands = ["failure", "value", "unclassified"] as const;
const demandLabel = { failure: "failure demand", value: "value demand", unclassified: "unclassified contacts" } as const;

/** A handling time as people read it: "5 min 30 s". */
function handleTime(seconds: number | null): string {
  if (seconds === null) return "—";
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ""}` : `${seconds} s`;
}

function idParam(value: string | string[] | undefined): number | undefined {
  const parsed = entityIdText.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export default async function FailureDemandContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters } = readDashboardFilters(params);
  const target = { touchpointId: idParam(params.touchpointId), stageId: idParam(params.stageId) };
  const reasonId = idParam(params.reasonId);
  const demand = demands.find((d) => d === params.demand);
  const page = Math.min(Math.max(1, Number(params.page) || 1), 10_000);
  const api = await serverApi();
  const [reasons, contacts] = await orNotFound(
    Promise.all([
      reasonId || (demand && demand !== "failure") ? Promise.resolve(null) : api.failureDemand.reasons({ ...filters, ...target }),
      api.failureDemand.contacts({ filters, ...target, reasonId, demand, page }),
    ]),
  );
  const here = { ...target, reasonId, demand };
  const subject = [
    contacts.target ? `caused by ${contacts.target}` : null,
    filters.departmentId || filters.journeyId || filters.channel ? "caused by the touchpoints in the view's filters" : null,
    contacts.reason ? `with the reason “${contacts.reason}”` : null,
    demand && !contacts.target ? `(${demandLabel[demand]})` : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={linkWith("/failure-demand", filters)}>Failure demand</a> › Contacts
      </nav>
      <PageHeader
        title={`Contacts ${subject || "of the period"}`}
        description={`${formatPeriod(contacts.period)}. Reasons come from the roll-ups; the list below reads the contacts themselves, newest first.`}
      />
      {reasons ? (
        <section className="card" aria-labelledby="reasons-behind">
          <h2 id="reasons-behind">The reasons behind {formatContacts(reasons.contacts)}</h2>
          <p className="muted">
            Cost {formatCost(reasons.cost, reasons.currency)}. A contact with two reasons counts under both; one caused by two touchpoints counts half to each.
          </p>
          {reasons.reasons.length === 0 && reasons.withoutReason.contacts === 0 ? (
            <EmptyState title="No failure demand here in this period" />
          ) : (
            <DataTable label="Reasons behind the figure" columns={["Reason", num("Contacts"), num("Cost")]}>
              {reasons.reasons.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={linkWith("/failure-demand/contacts", filters, { ...target, reasonId: r.id })}>{r.name}</a>
                  </th>
                  <ContactCells contacts={r.contacts} cost={r.cost} currency={reasons.currency} />
                </tr>
              ))}
              {reasons.withoutReason.contacts > 0 ? (
                <tr>
                  <th scope="row" className="muted">
                    No reason given (the support tool named the touchpoint)
                  </th>
                  <ContactCells contacts={reasons.withoutReason.contacts} cost={reasons.withoutReason.cost} currency={reasons.currency} />
                </tr>
              ) : null}
            </DataTable>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="contacts-list">
        <h2 id="contacts-list">{countOf(contacts.total, "contact")}</h2>
        {contacts.subjectsHidden ? (
          <p className="notice" role="status">
            {contacts.subjectsHidden}
          </p>
        ) : null}
        {contacts.total === 0 ? (
          <EmptyState title="No contacts match">
            <p>Widen the period or go back to the view to pick another figure.</p>
          </EmptyState>
        ) : (
          <>
            <DataTable
              label="Contacts"
              columns={[
                "When (UTC)",
                "Channel · queue",
                "Reasons",
                "Subject",
                "Caused by",
                num("Handle time"),
                num("Cost"),
                "Site",
                ...(contacts.personalData ? ["Requester"] : []),
              ]}
            >
              {contacts.rows.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap">{formatDateTime(c.occurredAt)}</td>
                  <td>
                    {contactChannelLabel[c.channel]}
                    {c.queue ? <span className="muted"> · {c.queue}</span> : null}
                  </td>
                  <td>{c.reasons.length ? c.reasons.join(", ") : <span className="muted">none given</span>}</td>
                  <td>{c.subject ?? <span className="muted">—</span>}</td>
                  <td>
                    {c.causes.length ? (
                      c.causes.map((tp) => tp.code ?? tp.name).join(", ")
                    ) : (
                      <span className="muted">{c.demand === "value" ? "value demand" : "unclassified"}</span>
                    )}
                  </td>
                  <td className="num">{handleTime(c.handleSeconds)}</td>
                  <td className="num">{c.cost === null ? "—" : formatCost(c.cost, contacts.currency)}</td>
                  <td>{c.site ?? <span className="muted">no location</span>}</td>
                  {contacts.personalData ? (
                    <td>
                      {"requesterEmail" in c ? (
                        <>
                          {c.requesterName ?? ""} <span className="muted">{c.requesterEmail ?? ""}</span>
                        </>
                      ) : (
                        <span className="muted">not yours to see</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </DataTable>
            <nav className="quarter-nav" aria-label="Pages">
              {contacts.page > 1 ? <a href={linkWith("/failure-demand/contacts", filters, { ...here, page: contacts.page - 1 })}>← Newer</a> : null}
              <span>
                Page {formatNumber(contacts.page)} of {formatNumber(contacts.pages)}
              </span>
              {contacts.page < contacts.pages ? (
                <a href={linkWith("/failure-demand/contacts", filters, { ...here, page: contacts.page + 1 })}>Older →</a>
              ) : null}
            </nav>
          </>
        )}
      </section>
    </>
  );
}

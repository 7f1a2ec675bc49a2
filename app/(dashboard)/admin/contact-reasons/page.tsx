// Admin: every contact reason with its contacts over the last 90 days, mapped to failure demand caused by a
// touchpoint, to value demand, or left unclassified — one at a time, in bulk or by rule; costs per hour; monthly volumes.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { countOf, formatNumber, formatPeriod } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { ContactCostsForm } from "@/components/setup/contact-reasons-costs";
import { ContactReasonRules } from "@/components/setup/contact-reasons-rules";
import { formatContactShare } from "@/components/format";
import { ContactReasonTable } from "@/components/setup/contact-reasons-table";
import { TouchpointVolumes } from "@/components/setup/touchpoint-volumes";
import { classificationLabel, reasonFilters, type ReasonFilter } from "@/lib/contact-reasons";
import { serverApi } from "@/server/api/caller";
import { reasonListQueryFrom } from "@/server/contacts/reason-schema";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Contact reasons" };

const filterLabel: Record<ReasonFilter, string> = { all: "All reasons", ...classificationLabel };

export default async function ContactReasonsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = reasonListQueryFrom(await searchParams);
  const api = await serverApi();
  const [list, rules, costs, volumes] = await Promise.all([
    api.contactReasons.list(query),
    api.contactReasons.rules(),
    api.contactReasons.costs(),
    api.contactReasons.volumes(),
  ]);
  const { totals } = list;
  const narrowed = Boolean(query.search) || query.show !== "all";
  return (
    <>
      <PageHeader
        title="Contact reasons"
        description="The reasons support tools give for calls, chats and tickets. Map each to failure demand caused by a touchpoint (the fix is upstream), to value demand (a contact the customer wanted), or leave it unclassified. Mappings apply to all history at once."
      />
      {list.period === null ? (
        <EmptyState title="No contacts imported yet">
          <p>
            Import an export from your support tool (Zendesk, Genesys Cloud, Salesforce or any CSV) on the <Link href="/admin/imports">imports</Link> page; its
            reasons appear here with their volumes. Rules added below classify reasons as they arrive.
          </p>
        </EmptyState>
      ) : (
        <p className="card" role="status">
          <strong>
            {formatContactShare(totals.unclassifiedShare)} of the last {list.windowDays} days&apos; contacts are still unclassified
          </strong>{" "}
          ({formatNumber(totals.unclassified)} of {countOf(totals.contacts, "contact")}, {formatPeriod(list.period)}
          {totals.withoutReason ? `; ${formatNumber(totals.withoutReason)} of them came with no reason at all` : ""}). Failure demand:{" "}
          {formatNumber(totals.failure)}, value demand: {formatNumber(totals.value)}. A contact with several reasons counts once in these totals and under each
          of its reasons below.
        </p>
      )}
      {totals.reasons > 0 ? (
        <>
          <form className="filters card" method="get" aria-label="Find reasons">
            <div>
              <label htmlFor="q">Search</label>
              <input id="q" name="q" type="search" defaultValue={query.search ?? ""} maxLength={200} placeholder="Part of a reason" />
            </div>
            <div>
              <label htmlFor="show">Show</label>
              <select id="show" name="show" defaultValue={query.show}>
                {reasonFilters.map((f) => (
                  <option key={f} value={f}>
                    {filterLabel[f]} ({formatNumber(list.counts[f])})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="primary">
              Apply
            </button>
            <a href="?" className="button">
              Reset
            </a>
          </form>
          {list.reasons.length === 0 ? (
            <EmptyState title="No reason matches">
              <p>{narrowed ? "Change the search or the filter, or reset them to see every reason." : "No reasons yet."}</p>
            </EmptyState>
          ) : (
            <ContactReasonTable key={`${query.search ?? ""}|${query.show}`} reasons={list.reasons} touchpoints={list.touchpoints} matching={list.matching} />
          )}
        </>
      ) : null}
      <ContactReasonRules rules={rules} touchpoints={list.touchpoints} />
      <ContactCostsForm costs={costs} />
      <TouchpointVolumes volumes={volumes} touchpoints={list.touchpoints} />
    </>
  );
}

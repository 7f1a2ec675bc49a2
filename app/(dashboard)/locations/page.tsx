// Experience › Locations: the league of sites and regions on the experience score and each metric, within
// the view's filters, sorted in the URL, with CSV export and a drill into each site.
import type { Metadata } from "next";
import { DownloadCsv } from "@/components/dashboard/download-csv";
import { FilterBar, hrefWith } from "@/components/dashboard/filter-bar";
import { EmptyState } from "@/components/empty-state";
import { describeMissing, describeScore, formatPeriod, formatValue } from "@/components/format";
import { describeVsRest, LeagueTable, leagueSorts, sortLeague, type LeagueRow, type LeagueSort } from "@/components/locations/league-table";
import { MethodLink } from "@/components/method-link";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";
import { readDashboardFilters } from "@/server/scores/filters";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Locations" };

const csvRow = (r: LeagueRow) => ({
  code: r.code,
  location: r.name,
  kind: r.kind,
  region: r.regionName ?? "",
  manager: r.managerName ?? "",
  rank: r.rank ?? "",
  n: r.score.n,
  experience_score: r.score.status === "ok" ? formatValue("program", r.score.value) : "",
  experience_margin: r.score.status === "ok" ? r.score.margin.toFixed(1) : "",
  against_the_rest: r.kind === "none" ? "" : describeVsRest("program", r.vsRest),
  ...Object.fromEntries(
    (["nps", "csat", "ces"] as const).flatMap((code) => {
      const m = r.metrics[code]?.score;
      return [
        [code, m?.status === "ok" ? formatValue(code, m.value) : m ? describeMissing(m) : ""],
        [`n_${code}`, m?.n ?? 0],
      ];
    }),
  ),
});

export default async function LocationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { filters, problems } = readDashboardFilters(params);
  const sort: LeagueSort = leagueSorts.find((s) => s === params.sort) ?? "rank";
  const data = await (await serverApi()).dashboard.locations(filters);
  const sortHref = (next: LeagueSort) => {
    const base = hrefWith("/locations", filters, {});
    return `${base}${base.includes("?") ? "&" : "?"}sort=${next}`;
  };
  const rowHref = (code: string) => hrefWith(`/locations/${encodeURIComponent(code)}`, filters, { location: undefined });
  const sites = sortLeague(
    data.rows.filter((r) => r.kind === "site" || r.kind === "none"),
    sort,
  );
  const regions = sortLeague(
    data.rows.filter((r) => r.kind === "region"),
    sort,
  );
  const shared = { sort, sortHref, rowHref, minimumSample: data.minimumSample, period: data.period };
  return (
    <>
      <PageHeader
        title="Locations"
        description={`Every site and region on the experience score, ${formatPeriod(data.period)}, each tested against the rest of the program. The program scores ${describeScore("program", data.program)}. Pick a region in Location to see only its sites.`}
      />
      <FilterBar problems={[...problems, ...data.filterProblems]} filters={filters} period={data.period} compareTo={data.compareTo} {...data.filterOptions} />
      {data.rows.length === 0 ? (
        <EmptyState title="No locations yet">
          <p>An admin adds sites and regions under Setup › Locations; imports then map each response to its site.</p>
        </EmptyState>
      ) : (
        <>
          {regions.length ? <LeagueSection title="Regions" caption="Each region pools the responses of its sites." rows={regions} {...shared} /> : null}
          <LeagueSection
            title="Sites"
            caption="Responses that name no site (online, care, marketing) are the last row, so the totals add up."
            rows={sites}
            {...shared}
          />
          <MethodLink section="locations">How locations are compared</MethodLink>
        </>
      )}
    </>
  );
}

/** One league (regions or sites) in its card, with its CSV download. */
function LeagueSection({
  title,
  caption,
  rows,
  period,
  ...table
}: {
  title: string;
  caption: string;
  rows: LeagueRow[];
  period: { from: string; to: string };
  sort: LeagueSort;
  sortHref: (sort: LeagueSort) => string;
  rowHref: (code: string) => string;
  minimumSample: number;
}) {
  const headingId = `${title.toLowerCase()}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{title}</h2>
        <DownloadCsv rows={rows.map(csvRow)} fileName={`${title.toLowerCase()} ${period.from} ${period.to}.csv`} />
      </div>
      <LeagueTable rows={rows} caption={caption} {...table} />
    </section>
  );
}

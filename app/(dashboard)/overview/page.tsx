// Executives' home (placeholder until the roll-up dashboard lands): the journeys and every touchpoint.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { JourneyMapCard } from "@/components/journey-map";
import { PageHeader } from "@/components/page-header";
import { TouchpointTable } from "@/components/touchpoint-table";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const api = await serverApi();
  const [journeys, touchpoints] = await Promise.all([api.model.journeyMap(), api.model.touchpoints()]);
  return (
    <>
      <PageHeader title="Overview" description="Every journey your customers live, stage by stage, and who owns each step." />
      <h2>Journeys</h2>
      {journeys.length === 0 ? (
        <EmptyState title="No journeys yet">
          <p>
            An admin sets up journeys under <Link href="/admin/journeys">Setup › Journeys</Link>, or imports a model file with{" "}
            <code>npm run cli -- model import</code>.
          </p>
        </EmptyState>
      ) : (
        <div className="grid">
          {journeys.map((journey) => (
            <JourneyMapCard key={journey.id} journey={journey} />
          ))}
        </div>
      )}
      <h2>Touchpoints</h2>
      <TouchpointTable
        rows={touchpoints}
        caption={`${touchpoints.length} touchpoints across all departments. ★ marks a moment of truth.`}
        emptyText={<p>Touchpoints appear here once an admin adds them.</p>}
      />
    </>
  );
}

// Admin: journeys with their persona and ordered stages; start a new one here, or open one to edit it.
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { JourneyMapCard } from "@/components/journey-map";
import { PageHeader } from "@/components/page-header";
import { JourneyForm } from "@/components/setup/journey-form";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Journeys" };

export default async function AdminJourneysPage() {
  const journeys = await (await serverApi()).model.journeyMap();
  return (
    <>
      <PageHeader title="Journeys" description="Each journey's persona and ordered stages. Open one to rename it, reorder its stages or retire it." />
      {journeys.length === 0 ? (
        <EmptyState title="No journeys yet">
          <p>Create the first one below: name it, say whose journey it is, then add its stages.</p>
        </EmptyState>
      ) : (
        <div className="grid" style={{ marginBottom: 16 }}>
          {journeys.map((journey) => (
            <JourneyMapCard key={journey.id} journey={journey} editHref={`/admin/journeys/${journey.id}`} />
          ))}
        </div>
      )}
      <JourneyForm />
    </>
  );
}

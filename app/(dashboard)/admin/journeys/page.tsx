// Admin: journeys with their persona and ordered stages, as they are set up now.
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { JourneyMapCard } from "@/components/journey-map";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Journeys" };

export default async function AdminJourneysPage() {
  const journeys = await (await serverApi()).model.journeyMap();
  return (
    <>
      <PageHeader
        title="Journeys"
        description="Each journey's persona and ordered stages. Change them with a model file: npm run cli -- model export / model import."
      />
      {journeys.length === 0 ? (
        <EmptyState title="No journeys yet">
          <p>
            Import a model file with <code>npm run cli -- model import model.json</code>.
          </p>
        </EmptyState>
      ) : (
        <div className="grid">
          {journeys.map((journey) => (
            <JourneyMapCard key={journey.id} journey={journey} />
          ))}
        </div>
      )}
    </>
  );
}

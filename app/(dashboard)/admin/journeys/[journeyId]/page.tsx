// Admin: one journey's details and its ordered stages, with deactivation and (explained) deletion.
import type { Metadata } from "next";
import Link from "next/link";
import { idFromRoute, orNotFound } from "@/components/dashboard/entity-page";
import { PageHeader } from "@/components/page-header";
import { JourneyForm } from "@/components/setup/journey-form";
import { RetireControls } from "@/components/setup/retire-controls";
import { StageListEditor } from "@/components/setup/stage-list-editor";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit journey" };

export default async function EditJourneyPage({ params }: { params: Promise<{ journeyId: string }> }) {
  const id = idFromRoute((await params).journeyId);
  const journey = await orNotFound((await serverApi()).setup.journey({ id }));
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/admin/journeys">Journeys</Link> › {journey.name}
      </nav>
      <PageHeader
        title={journey.name}
        description={
          journey.active ? "Changes show on the dashboards as soon as they are saved." : "Deactivated: hidden from the dashboards until reactivated."
        }
      />
      <p>
        {journey.active ? <span className="tag">active</span> : <span className="tag inactive">inactive</span>}{" "}
        <Link href={`/journeys/${journey.id}`}>See it on the dashboard</Link>{" "}
        <RetireControls kind="journey" id={journey.id} name={journey.name} active={journey.active} afterDelete="/admin/journeys" />
      </p>
      <JourneyForm journey={journey} />
      <StageListEditor journeyId={journey.id} journeyName={journey.name} stages={journey.stages} />
    </>
  );
}

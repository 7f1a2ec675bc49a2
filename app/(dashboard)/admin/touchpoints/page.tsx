// Admin: every touchpoint with its owner, department and placements in the journeys.
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TouchpointTable } from "@/components/touchpoint-table";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Touchpoints" };

export default async function AdminTouchpointsPage() {
  const touchpoints = await (await serverApi()).model.touchpoints();
  return (
    <>
      <PageHeader title="Touchpoints" description="Who owns each moment of the journey, and where it sits." />
      <TouchpointTable
        rows={touchpoints}
        caption={`${touchpoints.length} touchpoints. ★ marks a moment of truth.`}
        emptyText={
          <p>
            Import a model file with <code>npm run cli -- model import model.json</code> to add touchpoints.
          </p>
        }
      />
    </>
  );
}

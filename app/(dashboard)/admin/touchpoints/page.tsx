// Admin: every touchpoint with its owner, department and placements in the journeys; add or edit one here.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { TouchpointTable } from "@/components/touchpoint-table";
import { serverApi } from "@/server/api/caller";
import { countOf } from "@/components/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Touchpoints" };

export default async function AdminTouchpointsPage() {
  const touchpoints = await (await serverApi()).model.touchpoints();
  return (
    <>
      <PageHeader title="Touchpoints" description="Who owns each moment of the journey, and where it sits." />
      <p>
        <Link href="/admin/touchpoints/new" className="button-link">
          New touchpoint
        </Link>
      </p>
      <TouchpointTable
        rows={touchpoints}
        caption={`${countOf(touchpoints.length, "touchpoint")}. ★ marks a moment of truth.`}
        editHref={(id) => `/admin/touchpoints/${id}`}
        emptyText={<p>Add the first one with New touchpoint above, or apply a model file on the Departments page.</p>}
      />
    </>
  );
}

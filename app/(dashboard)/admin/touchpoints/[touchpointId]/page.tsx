// Admin: edit one touchpoint (owner, department, channel, moment of truth, weight, targets, placements),
// deactivate it, or delete it when it holds no customers' data.
import type { Metadata } from "next";
import Link from "next/link";
import { idFromRoute, orNotFound } from "@/components/dashboard/entity-page";
import { PageHeader } from "@/components/page-header";
import { RetireControls } from "@/components/setup/retire-controls";
import { TouchpointForm } from "@/components/setup/touchpoint-form";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit touchpoint" };

export default async function EditTouchpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ touchpointId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const id = idFromRoute((await params).touchpointId);
  const api = await serverApi();
  const [touchpoint, choices, { created }] = await Promise.all([orNotFound(api.setup.touchpoint({ id })), api.setup.touchpointChoices(), searchParams]);
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/admin/touchpoints">Touchpoints</Link> › {touchpoint.code}
      </nav>
      <PageHeader
        title={touchpoint.name}
        description={
          touchpoint.active
            ? "Changes show on the dashboards as soon as they are saved."
            : "Deactivated: hidden from the dashboards, and imports refuse its code, until reactivated."
        }
      />
      {created ? (
        <p role="status" className="notice">
          Created {touchpoint.code}. Survey files can now name it.
        </p>
      ) : null}
      <p>
        {touchpoint.active ? <span className="tag">active</span> : <span className="tag inactive">inactive</span>}{" "}
        <Link href={`/touchpoints/${touchpoint.id}`}>See it on the dashboard</Link>{" "}
        <RetireControls kind="touchpoint" id={touchpoint.id} name={touchpoint.name} active={touchpoint.active} afterDelete="/admin/touchpoints" />
      </p>
      <TouchpointForm touchpoint={touchpoint} choices={choices} />
    </>
  );
}

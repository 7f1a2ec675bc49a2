// Admin: a new touchpoint with its owner, department, targets and the stages it sits in.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { TouchpointForm } from "@/components/setup/touchpoint-form";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New touchpoint" };

export default async function NewTouchpointPage() {
  const choices = await (await serverApi()).setup.touchpointChoices();
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/admin/touchpoints">Touchpoints</Link> › New
      </nav>
      <PageHeader title="New touchpoint" description="A moment where the customer meets the company, owned by one person in one department." />
      {choices.departments.some((d) => d.active) ? (
        <TouchpointForm choices={choices} />
      ) : (
        <EmptyState title="Add a department first">
          <p>
            Every touchpoint belongs to a department. <Link href="/admin/departments">Add one</Link>, then come back.
          </p>
        </EmptyState>
      )}
    </>
  );
}

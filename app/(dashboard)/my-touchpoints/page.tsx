// Owners' home: the touchpoints the signed-in owner is responsible for.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { TouchpointTable } from "@/components/touchpoint-table";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My touchpoints" };

export default async function MyTouchpointsPage() {
  const user = await currentUser();
  if (user?.role === "executive") redirect("/overview");
  const touchpoints = await (await serverApi()).owners.myTouchpoints();
  return (
    <>
      <PageHeader title="My touchpoints" description="The moments of the customer's journey you own, wherever they appear." />
      <TouchpointTable
        rows={touchpoints}
        caption={`You own ${touchpoints.length} touchpoint${touchpoints.length === 1 ? "" : "s"}.`}
        emptyText={<p>You do not own any touchpoints yet. An admin assigns owners under Setup › Touchpoints.</p>}
      />
    </>
  );
}

// Owners' quarterly self-assessment: each touchpoint they own, rated on the three abilities with the score
// they expect customers to give — the company's side of the Experience Perception Gap.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { AssessmentForm } from "@/components/perception/assessment-form";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Quarterly self-assessment" };

export default async function AssessmentPage() {
  const user = await currentUser();
  if (user?.role === "executive") redirect("/perception-gap");
  const mine = await (await serverApi()).perception.mine({});
  const missing = mine.touchpoints.filter((t) => t.expectedScore == null).length;
  return (
    <>
      <PageHeader
        title={`Self-assessment, ${mine.quarter}`}
        description="How well does each of your touchpoints serve the customer, and what score do you expect them to give it? Your answers sit beside the customers' on the perception gap page."
      />
      <p className={missing ? "notice" : "muted"}>
        {missing ? `${missing} of ${mine.touchpoints.length} still to assess this quarter.` : "All assessed this quarter."}{" "}
        <Link href="/perception-gap">See the perception gap</Link>
      </p>
      {mine.touchpoints.length === 0 ? <EmptyState title="You do not own any touchpoints yet" /> : null}
      {mine.touchpoints.map((row) => (
        <AssessmentForm key={row.touchpointId} row={row} quarter={mine.quarter} />
      ))}
    </>
  );
}

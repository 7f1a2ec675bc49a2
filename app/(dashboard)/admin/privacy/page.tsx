// Admin: personal data on request. A respondent or requester asks to be forgotten; the admin erases their survey
// responses and service contacts by email or external id, and the roll-ups follow (server/privacy/erase.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EraseForm } from "./erase-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Personal data" };

export default function PrivacyPage() {
  return (
    <>
      <PageHeader
        title="Personal data"
        description="When a customer asks to be forgotten: erase their survey responses and service contacts by the email or id they give."
      />
      <section className="card" aria-labelledby="privacy-what" style={{ marginBottom: 16 }}>
        <h2 id="privacy-what">What erasing does</h2>
        <ul>
          <li>
            Every survey response whose respondent email matches (in any capitals), and every service contact whose requester email matches, is deleted with its
            scores, comment and tags; by external id, the response and the contact the tools gave that id.
          </li>
          <li>Scores, counts, key drivers and themes are lowered by exactly their part, at once; nothing else changes.</li>
          <li>An alert case their comment opened stays, with the rule&apos;s words but without their comment. Their use as evidence on an initiative goes.</li>
          <li>
            The <Link href="/admin/audit?what=personal_data">audit log</Link> records who erased how many rows and by which kind of key, never the email or id
            itself.
          </li>
        </ul>
      </section>
      <EraseForm />
    </>
  );
}

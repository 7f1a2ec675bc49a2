// Admin: bring survey exports in (upload, mapping, preview, import with progress) and review or revert
// earlier imports. Every entrance shares the one import pipeline with the CLI and the HTTP API.
import type { Metadata } from "next";
import { ImportHistory } from "@/components/imports/import-history";
import { ImportWizard } from "@/components/imports/import-wizard";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  const api = await serverApi();
  const [touchpoints, metrics, history, choices, locations] = await Promise.all([
    api.model.touchpoints(),
    api.model.metrics(),
    api.imports.history(),
    api.setup.touchpointChoices(),
    api.setup.locations(),
  ]);
  const regionName = new Map(locations.filter((l) => l.kind === "region").map((l) => [l.id, l.name]));
  return (
    <>
      <PageHeader
        title="Imports"
        description="Upload the exports your survey and support tools produce, as they are: survey responses, or service contacts for failure demand. Nothing is written until you have seen the preview; an import can be reverted."
      />
      <ImportWizard
        touchpoints={touchpoints.filter((t) => t.active).map((t) => ({ code: t.code, name: t.name }))}
        metrics={metrics.map((m) => ({ code: m.code, name: m.name, scaleMin: m.scaleMin, scaleMax: m.scaleMax }))}
        choices={choices}
        sites={locations
          .filter((l) => l.kind === "site" && l.active)
          .map((l) => ({ code: l.code, label: [l.parentId ? regionName.get(l.parentId) : null, l.name].filter(Boolean).join(" · ") }))}
        regions={locations.filter((l) => l.kind === "region" && l.active).map((l) => ({ id: l.id, label: l.name }))}
      />
      <section aria-labelledby="history-heading" style={{ marginTop: 24 }}>
        <h2 id="history-heading">Import history</h2>
        <ImportHistory batches={history} />
      </section>
    </>
  );
}

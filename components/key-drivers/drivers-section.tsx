// The key drivers of a journey, stage or touchpoint as a section of its own page: the ranked table, the strongest
// themes as drivers, and links to the full quadrant on Experience › Key drivers (the scope and, on a journey, each stage).
import Link from "next/link";
import type { RouterOutputs } from "@/lib/router-types";
import { DriversPanel } from "./drivers-panel";
import { keyDriversHref } from "./links";
import { ThemeDriversTable } from "./theme-drivers";

type View = RouterOutputs["keyDrivers"]["view"];

/** Worth a section: two drivers or more (one driver alone explains all it can; nothing to rank). */
export function hasDrivers(view: View): boolean {
  const { analysis } = view;
  return analysis.status !== "no_drivers" && (analysis.status === "ok" ? analysis.drivers.length : analysis.drivers.length) >= 2;
}

export function DriversSection({
  view,
  filters,
  stages,
}: {
  view: View;
  filters: Record<string, string | number | undefined>;
  /** On a journey's page: each stage's own drivers, one link each. */
  stages?: ReadonlyArray<{ id: number; name: string }>;
}) {
  const scope = { scope: view.scope.level, id: view.scope.id ?? undefined };
  return (
    <section className="card" aria-labelledby="key-drivers">
      <div className="section-head">
        <h2 id="key-drivers">What drives {view.outcome.name} here</h2>
        <Link className="button" href={keyDriversHref(filters, scope)}>
          Open the quadrant
        </Link>
      </div>
      <DriversPanel view={view} compact />
      {view.themeDrivers.themes.length > 0 ? (
        <>
          <h3>Themes as drivers</h3>
          <ThemeDriversTable view={view} filters={filters} limit={5} />
        </>
      ) : null}
      {stages && stages.length > 0 ? (
        <p className="muted">
          By stage:{" "}
          {stages.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? " · " : ""}
              <Link href={keyDriversHref(filters, { scope: "stage", id: s.id })}>{s.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
